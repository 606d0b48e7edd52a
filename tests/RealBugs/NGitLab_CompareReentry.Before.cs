// ubisoft/NGitLab, NGitLab.Mock/Clients/RepositoryClient.cs, before bb93bc2 (#946): after #910 made the operation scope a
// SemaphoreSlim(1, 1) taken by the releaser's constructor, CompareAsync still called Compare inside its scope, and
// Compare opens the scope again: the mock deadlocks on itself.
#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.NGitLab_CompareReentry.Before;

public sealed class Project
{
    public string[] Compare(string from, string to) => new[] { from, to };
}

public sealed class GitLabServer
{
    public Project FindProject(long id) => new Project();

    public void RaiseOnClientOperation()
    {
    }
}

public sealed record CompareQuery(string From, string To);

public sealed record CompareResults(int Count);

internal sealed class ClientContext
{
    private readonly SemaphoreSlim _operationLock = new(1, 1);

    public ClientContext(GitLabServer server) => Server = server;

    public GitLabServer Server { get; }

    public IDisposable BeginOperationScope()
    {
        Server.RaiseOnClientOperation();
        return new Releaser(_operationLock);
    }

    private sealed class Releaser : IDisposable
    {
        private readonly SemaphoreSlim _operationLock;

        public Releaser(SemaphoreSlim operationLock)
        {
            _operationLock = operationLock;
            _operationLock.Wait();
        }

        public void Dispose()
        {
            _operationLock.Release();
        }
    }
}

internal sealed class RepositoryClient
{
    private readonly long _projectId;

    public RepositoryClient(ClientContext context, long projectId)
    {
        Context = context;
        _projectId = projectId;
    }

    private ClientContext Context { get; }

    public CompareResults Compare(CompareQuery query)
    {
        using (Context.BeginOperationScope())
        {
            var project = Context.Server.FindProject(_projectId);
            var treeChanges = project.Compare(query.From, query.To);
            return new CompareResults(treeChanges.Length);
        }
    }

    public Task<CompareResults> CompareAsync(CompareQuery query, CancellationToken cancellationToken = default)
    {
        using (Context.BeginOperationScope())
        {
            return Task.FromResult(Compare(query)); // expect: RACE013
        }
    }
}

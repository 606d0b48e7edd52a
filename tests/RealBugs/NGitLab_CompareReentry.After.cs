// ubisoft/NGitLab, NGitLab.Mock/Clients/RepositoryClient.cs, fixed in bb93bc2 (#946): the work moves to CompareLockless,
// which both public methods call inside their one scope.
#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.NGitLab_CompareReentry.After;

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
            return CompareLockless(query);
        }
    }

    private CompareResults CompareLockless(CompareQuery query)
    {
        var project = Context.Server.FindProject(_projectId);
        var treeChanges = project.Compare(query.From, query.To);
        return new CompareResults(treeChanges.Length);
    }

    public Task<CompareResults> CompareAsync(CompareQuery query, CancellationToken cancellationToken = default)
    {
        using (Context.BeginOperationScope())
        {
            return Task.FromResult(CompareLockless(query));
        }
    }
}

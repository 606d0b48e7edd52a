// ubisoft/NGitLab, NGitLab.Mock/Clients/ClientContext.cs, fixed in b098752 (#910): the scope takes a SemaphoreSlim(1, 1),
// which no thread owns, so the release after the await is legal.
#nullable enable
using System;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.NGitLab_OperationScopeMonitor.After;

public sealed class User
{
}

public sealed class Repository
{
    public Task GetRawFileAsync(string path, Func<Stream, Task> parser) => parser(Stream.Null);
}

public sealed class Project
{
    public Repository Repository { get; } = new Repository();
}

public sealed class GitLabServer
{
    public event EventHandler? ClientOperation;

    public Project FindProject(long id) => new Project();

    public void RaiseOnClientOperation() => ClientOperation?.Invoke(this, EventArgs.Empty);
}

internal sealed class ClientContext
{
    private readonly SemaphoreSlim _operationLock = new(1, 1);

    public ClientContext(GitLabServer server, User user)
    {
        Server = server;
        User = user;
    }

    public GitLabServer Server { get; }

    public User User { get; }

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

internal sealed class FileClient
{
    private readonly long _projectId;

    public FileClient(ClientContext context, long projectId)
    {
        Context = context;
        _projectId = projectId;
    }

    private ClientContext Context { get; }

    public async Task GetRawAsync(string filePath, Func<Stream, Task> parser, CancellationToken cancellationToken = default)
    {
        using (Context.BeginOperationScope())
        {
            var fileSystemPath = WebUtility.UrlDecode(filePath);
            var project = Context.Server.FindProject(_projectId);
            await project.Repository.GetRawFileAsync(fileSystemPath, parser).ConfigureAwait(false);
        }
    }
}

// ubisoft/NGitLab, NGitLab.Mock/Clients/ClientContext.cs + FileClient.cs, before b098752 (#910, PR #902): the operation
// scope enters a Monitor and its releaser exits it; GetRawAsync awaits inside the scope, so Dispose runs on another
// thread and throws SynchronizationLockException, leaving the mock server locked.
#nullable enable
using System;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.NGitLab_OperationScopeMonitor.Before;

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
    private readonly object _operationLock = new();

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
        Monitor.Enter(_operationLock);
        return new Releaser(_operationLock);
    }

    private sealed class Releaser : IDisposable
    {
        private readonly object _operationLock;

        public Releaser(object operationLock)
        {
            _operationLock = operationLock;
        }

        public void Dispose()
        {
            Monitor.Exit(_operationLock);
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
            await project.Repository.GetRawFileAsync(fileSystemPath, parser).ConfigureAwait(false); // expect: RACE012
        }
    }
}

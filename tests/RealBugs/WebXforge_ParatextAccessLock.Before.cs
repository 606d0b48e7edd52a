// sillsdev/web-xforge, src/SIL.XForge.Scripture/Services/ParatextService.cs, before 878bc14 (#973, "SF-1181b Fix 401
// error on connect project page"): GetParatextAccessLock takes the user's token-refresh SemaphoreSlim(1, 1) and only
// hands it to the caller inside the returned ParatextAccessLock; a user without secrets (DataNotFoundException) or a
// failed token refresh throws in between, the semaphore is never released, and that user's later requests hang.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.WebXforge_ParatextAccessLock.Before;

public sealed class Tokens
{
    public string? AccessToken { get; set; }
    public DateTime ExpiresAt { get; set; }

    public bool ValidateLifetime() => ExpiresAt > DateTime.UtcNow.AddMinutes(1);
}

public sealed class UserSecret
{
    public string Id { get; set; } = "";
    public Tokens ParatextTokens { get; set; } = new Tokens();
}

public readonly struct Attempt<T>
{
    private readonly T? _result;
    private readonly bool _success;

    public Attempt(T result)
    {
        _result = result;
        _success = true;
    }

    public bool TryResult([MaybeNullWhen(false)] out T result)
    {
        result = _result!;
        return _success;
    }
}

public interface IUpdateBuilder<T>
{
    IUpdateBuilder<T> Set<TField>(Expression<Func<T, TField>> field, TField value);
}

public interface IRepository<T>
{
    Task<Attempt<T>> TryGetAsync(string id);
    Task<T> UpdateAsync(string id, Action<IUpdateBuilder<T>> update);
}

public interface IOptions<out T>
{
    T Value { get; }
}

public sealed class ParatextOptions
{
    public string? ClientId { get; set; }
}

public interface IRegistryClient
{
}

public interface IJwtTokenHelper
{
    Task<Tokens> RefreshAccessTokenAsync(ParatextOptions options, Tokens tokens, IRegistryClient registryClient);
}

public interface ISharedRepositorySource
{
}

public interface ISharedRepositorySourceProvider
{
    ISharedRepositorySource GetSource(UserSecret userSecret, string sendReceiveServerUri, string registryServerUri);
}

public sealed class DataNotFoundException : Exception
{
    public DataNotFoundException(string message) : base(message)
    {
    }
}

public abstract class DisposableBase : IDisposable
{
    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        DisposeManagedResources();
    }

    protected abstract void DisposeManagedResources();
}

public sealed class ParatextService
{
    private readonly IRepository<UserSecret> _userSecretRepository;
    private readonly IJwtTokenHelper _jwtTokenHelper;
    private readonly IOptions<ParatextOptions> _paratextOptions;
    private readonly IRegistryClient _registryClient;
    private readonly ISharedRepositorySourceProvider _internetSharedRepositorySourceProvider;
    private readonly string _sendReceiveServerUri = "https://send-receive.example";
    private readonly string _registryServerUri = "https://registry.example";
    /// <summary> Map user IDs to semaphores </summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _tokenRefreshSemaphores = new ConcurrentDictionary<string, SemaphoreSlim>();

    public ParatextService(IRepository<UserSecret> userSecretRepository, IJwtTokenHelper jwtTokenHelper,
        IOptions<ParatextOptions> paratextOptions, IRegistryClient registryClient,
        ISharedRepositorySourceProvider internetSharedRepositorySourceProvider)
    {
        _userSecretRepository = userSecretRepository;
        _jwtTokenHelper = jwtTokenHelper;
        _paratextOptions = paratextOptions;
        _registryClient = registryClient;
        _internetSharedRepositorySourceProvider = internetSharedRepositorySourceProvider;
    }

    public async Task<ISharedRepositorySource> GetInternetSharedRepositorySource(string userId)
    {
        using (ParatextAccessLock accessLock = await GetParatextAccessLock(userId))
        {
            return _internetSharedRepositorySourceProvider.GetSource(accessLock.UserSecret,
                    _sendReceiveServerUri, _registryServerUri);
        }
    }

    private async Task<ParatextAccessLock> GetParatextAccessLock(string userId)
    {
        SemaphoreSlim semaphore = _tokenRefreshSemaphores.GetOrAdd(userId, (string key) => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(); // expect: RACE002

        Attempt<UserSecret> attempt = await _userSecretRepository.TryGetAsync(userId);
        if (!attempt.TryResult(out UserSecret? userSecret))
        {
            throw new DataNotFoundException("Could not find user secrets for " + userId);
        }

        if (!userSecret.ParatextTokens.ValidateLifetime())
        {
            Tokens refreshedUserTokens = await _jwtTokenHelper.RefreshAccessTokenAsync(_paratextOptions.Value, userSecret.ParatextTokens, _registryClient);
            userSecret = await _userSecretRepository.UpdateAsync(userId, b => b.Set(u => u.ParatextTokens, refreshedUserTokens));
        }
        return new ParatextAccessLock(semaphore, userSecret);
    }
}

internal sealed class ParatextAccessLock : DisposableBase
{
    private SemaphoreSlim _userSemaphore;
    public readonly UserSecret UserSecret;

    public ParatextAccessLock(SemaphoreSlim userSemaphore, UserSecret userSecret)
    {
        _userSemaphore = userSemaphore;
        UserSecret = userSecret;
    }

    protected override void DisposeManagedResources()
    {
        _userSemaphore.Release();
    }
}

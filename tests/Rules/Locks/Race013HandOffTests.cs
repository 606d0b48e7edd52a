using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// RACE013 through lock hand-offs one call down: a releaser whose constructor waits on the semaphore it is
    /// given, returned by a helper of another object reached through a never-reassigned member; and a lock taken
    /// on a parameter, which is the caller's argument (an interface call whose implementations lock the collection
    /// they are passed, a setter of the argument that locks). Another object, a settable member, a releaser that
    /// does not wait and a counting semaphore are not the held lock.
    /// </summary>
    public sealed class Race013HandOffTests
    {
        private const string Usings = """
using System;
using System.Threading;
using System.Threading.Tasks;

""";

        private const string OperationScope = """
internal sealed class ClientContext
{
    private readonly SemaphoreSlim _operationLock = new(1, 1);

    public IDisposable BeginOperationScope() => new Releaser(_operationLock);

    private sealed class Releaser : IDisposable
    {
        private readonly SemaphoreSlim _operationLock;

        public Releaser(SemaphoreSlim operationLock)
        {
            _operationLock = operationLock;
            _operationLock.Wait();
        }

        public void Dispose() => _operationLock.Release();
    }
}

""";

        [Fact]
        public Task A_releaser_whose_constructor_waits_taken_again_through_a_call_on_this_is_flagged_at_the_call()
            => Verify.VerifyAnalyzerAsync(Usings + OperationScope + """
internal sealed class RepositoryClient
{
    public RepositoryClient(ClientContext context) => Context = context;

    private ClientContext Context { get; }

    public int Compare()
    {
        using (Context.BeginOperationScope())
        {
            return 1;
        }
    }

    public int CompareTwice()
    {
        using (Context.{|#1:BeginOperationScope|}())
        {
            return {|#0:Compare|}();
        }
    }
}
""",
                Verify.Diagnostic("RACE013").WithLocation(0).WithLocation(1).WithArguments(
                    "_operationLock", "new Releaser", "BeginOperationScope", "39", " (through 'Compare' → 'BeginOperationScope' → 'new Releaser')",
                    "a SemaphoreSlim(1, 1) has one slot and no owner, so this wait waits for itself forever"));

        [Fact]
        public Task The_same_releaser_on_another_context_object_is_not_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + OperationScope + """
internal sealed class RepositoryClient
{
    public RepositoryClient(ClientContext context) => Context = context;

    private ClientContext Context { get; }

    public int Compare(ClientContext other)
    {
        using (other.BeginOperationScope())
        {
            return 1;
        }
    }

    public int CompareElsewhere(ClientContext other)
    {
        using (Context.BeginOperationScope())
        {
            return Compare(other);
        }
    }
}
""");

        [Fact]
        public Task A_context_in_a_settable_member_is_not_known_to_be_the_same_object()
            => Verify.VerifyAnalyzerAsync(Usings + OperationScope + """
internal sealed class RepositoryClient
{
    public ClientContext Context { get; set; } = null!;

    public int Compare()
    {
        using (Context.BeginOperationScope())
        {
            return 1;
        }
    }

    public int CompareTwice()
    {
        using (Context.BeginOperationScope())
        {
            return Compare();
        }
    }
}
""");

        [Fact]
        public Task A_releaser_that_does_not_wait_and_a_counting_semaphore_are_not_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + """
internal sealed class ClientContext
{
    private readonly SemaphoreSlim _operationLock = new(1, 1);
    private readonly SemaphoreSlim _slots = new(4, 4);

    public IDisposable Scope() => new Releaser(_operationLock);

    public IDisposable Slot() => new Waiting(_slots);

    private sealed class Releaser : IDisposable
    {
        private readonly SemaphoreSlim _gate;

        public Releaser(SemaphoreSlim gate) => _gate = gate;

        public void Dispose() => _gate.Release();
    }

    private sealed class Waiting : IDisposable
    {
        private readonly SemaphoreSlim _gate;

        public Waiting(SemaphoreSlim gate)
        {
            _gate = gate;
            _gate.Wait();
        }

        public void Dispose() => _gate.Release();
    }
}

internal sealed class RepositoryClient
{
    private readonly ClientContext _context = new();

    public int Inner()
    {
        using (_context.Scope())
        using (_context.Slot())
        {
            return 1;
        }
    }

    public int Outer()
    {
        using (_context.Scope())
        using (_context.Slot())
        {
            return Inner();
        }
    }
}
""");

        private const string Collection = """
public interface IInitializer
{
    void Initialize(BundleCollection bundles);
}

internal sealed class DelegatingDisposable : IDisposable
{
    private readonly Action _dispose;

    public DelegatingDisposable(Action dispose) => _dispose = dispose;

    public void Dispose() => _dispose();
}

public sealed class BundleCollection
{
    private readonly ReaderWriterLockSlim _lock = new ReaderWriterLockSlim();
    private Exception? _failure;

    public Exception? Failure
    {
        get => _failure;
        set
        {
            using (GetWriteLock())
            {
                _failure = value;
            }
        }
    }

    public IDisposable GetWriteLock()
    {
        _lock.EnterWriteLock();
        return new DelegatingDisposable(() => _lock.ExitWriteLock());
    }

    public void Clear()
    {
    }
}

internal sealed class Initializer : IInitializer
{
    public void Initialize(BundleCollection bundles)
    {
        using (bundles.GetWriteLock())
        {
            bundles.Clear();
        }
    }
}

internal sealed class Recording : IInitializer
{
    public void Initialize(BundleCollection bundles) => bundles.Failure = null;
}

""";

        [Fact]
        public Task An_interface_call_whose_implementations_lock_the_argument_is_flagged_at_the_call()
            => Verify.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + Collection + """
public sealed class Handler
{
    private readonly BundleCollection _bundles;
    private readonly IInitializer _initializer;

    public Handler(BundleCollection bundles, IInitializer initializer)
    {
        _bundles = bundles;
        _initializer = initializer;
    }

    public void Rebuild()
    {
        using (_bundles.{|#1:GetWriteLock|}())
        {
            _initializer.{|#0:Initialize|}(_bundles);
        }
    }
}
""",
                Verify.Diagnostic("RACE013").WithLocation(0).WithLocation(1).WithArguments(
                    "_lock", "EnterWriteLock", "GetWriteLock", "75", " (through 'Initialize' → 'GetWriteLock')",
                    "a ReaderWriterLockSlim made without LockRecursionPolicy.SupportsRecursion throws LockRecursionException here"));

        [Fact]
        public Task An_interface_call_given_another_collection_than_the_locked_one_is_not_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + Collection + """
public sealed class Handler
{
    private readonly BundleCollection _bundles;
    private readonly BundleCollection _staging;
    private readonly IInitializer _initializer;

    public Handler(BundleCollection bundles, BundleCollection staging, IInitializer initializer)
    {
        _bundles = bundles;
        _staging = staging;
        _initializer = initializer;
    }

    public void Rebuild(BundleCollection fresh)
    {
        using (_bundles.GetWriteLock())
        {
            _initializer.Initialize(_staging);
            _initializer.Initialize(fresh);
        }
    }
}
""");

        [Fact]
        public Task A_parameter_locked_by_the_caller_and_locked_again_by_a_callee_given_it_is_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + Collection + """
public static class Rebuilder
{
    public static void Rebuild(BundleCollection bundles, IInitializer initializer)
    {
        using (bundles.{|#1:GetWriteLock|}())
        {
            {|#0:Record|}(bundles);
        }
    }

    private static void Record(BundleCollection target)
    {
        using (target.GetWriteLock())
        {
            target.Clear();
        }
    }
}
""",
                Verify.Diagnostic("RACE013").WithLocation(0).WithLocation(1).WithArguments(
                    "bundles._lock", "EnterWriteLock", "GetWriteLock", "66", " (through 'Record' → 'GetWriteLock')",
                    "a ReaderWriterLockSlim made without LockRecursionPolicy.SupportsRecursion throws LockRecursionException here"));
    }
}

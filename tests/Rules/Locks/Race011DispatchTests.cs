using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// Calls resolved as the runtime resolves them (the engine's <c>CallTarget</c>): <c>base.M()</c> runs the base
    /// method only, a virtual call on <c>this</c> no sibling's override, and a call on a constructed generic interface
    /// only the implementations of that construction. Each once made a lock-order cycle out of unrelated locks; the
    /// look-alike with a real crossing is still a cycle.
    /// </summary>
    public sealed class Race011DispatchTests
    {
        private const string Nodes = """
public abstract class Node
{
    public virtual void LoadChildren() { }
}

""";

        [Fact]
        public Task A_base_call_in_two_sibling_overrides_is_not_a_cycle()
            => Verify.VerifyAnalyzerAsync(Nodes + """
public sealed class Folder : Node
{
    private static readonly object FolderLock = new();

    public override void LoadChildren()
    {
        lock (FolderLock)
        {
            base.LoadChildren();
        }
    }
}

public sealed class Archive : Node
{
    private static readonly object ArchiveLock = new();

    public override void LoadChildren()
    {
        lock (ArchiveLock)
        {
            base.LoadChildren();
        }
    }
}
""");

        [Fact]
        public Task A_virtual_call_on_this_does_not_run_a_siblings_override()
            => Verify.VerifyAnalyzerAsync(Nodes + """
public class Folder : Node
{
    private static readonly object FolderLock = new();

    public void Refresh()
    {
        lock (FolderLock)
        {
            LoadChildren();
        }
    }
}

public sealed class Archive : Node
{
    private static readonly object ArchiveLock = new();

    public override void LoadChildren()
    {
        lock (ArchiveLock)
        {
        }
    }

    public void Rebuild()
    {
        lock (ArchiveLock)
        {
            new Folder().Refresh();
        }
    }
}
""");

        [Fact]
        public Task A_call_on_one_construction_of_a_generic_interface_runs_only_its_implementations()
            => Verify.VerifyAnalyzerAsync("""
public sealed class PublishContext { }
public sealed class SendContext { }

public interface IConfigurator<TContext>
{
    void Configure();
}

public sealed class PublishSpecification : IConfigurator<PublishContext>
{
    private static readonly object PublishLock = new();
    private readonly IConfigurator<PublishContext>? _next;

    public void Configure()
    {
        lock (PublishLock)
        {
            _next?.Configure();
        }
    }
}

public sealed class SendSpecification : IConfigurator<SendContext>
{
    private static readonly object SendLock = new();
    private readonly IConfigurator<SendContext>? _next;

    public void Configure()
    {
        lock (SendLock)
        {
            _next?.Configure();
        }
    }
}
""");

        [Fact]
        public Task Two_siblings_calling_each_other_under_their_locks_are_a_cycle()
            => Verify.VerifyAnalyzerAsync(Nodes + """
public sealed class Folder : Node
{
    private static readonly object FolderLock = new();
    public Archive? Archive { get; set; }

    public override void LoadChildren()
    {
        lock (FolderLock)
        {
            Archive?.{|#0:LoadChildren|}();
        }
    }
}

public sealed class Archive : Node
{
    private static readonly object ArchiveLock = new();
    public Folder? Folder { get; set; }

    public override void LoadChildren()
    {
        lock (ArchiveLock)
        {
            Folder?.{|#1:LoadChildren|}();
        }
    }
}
""",
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0));
    }
}

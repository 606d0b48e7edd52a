using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// One lock object, three ways to name it: the field (<c>lock (_items)</c>), a property whose getter returns
    /// the field, and a local given that property's value. They are one node of the lock-order graph; a getter
    /// that computes its value, a property returning another field, and a local given two values are not merged.
    /// </summary>
    public sealed class Race011LockObjectTests
    {
        private const string Source = """
using System.Collections.Generic;

public sealed class Inventory
{
    private readonly Dictionary<int, string> _items = new();
    private readonly Dictionary<int, string> _archive = new();

    public Dictionary<int, string> Items
    {
        get { return _items; }
    }

    public Dictionary<int, string> Archive => _archive;

    public Dictionary<int, string> Snapshot => new Dictionary<int, string>(_items);

    public void Scan(Catalog catalog)
    {
        lock (_items)
        {
            catalog.Touch();
        }
    }
}

public sealed class Catalog
{
    private readonly object _catalogLock = new();

    public void Touch()
    {
        lock (_catalogLock)
        {
        }
    }

    public void Rebuild(Inventory inventory, bool old)
    {
        lock (_catalogLock)
        {
            LOCAL
            lock (items)
            {
            }
        }
    }
}
""";

        private static string With(string local, bool flagged = false)
        {
            var source = Source.Replace("LOCAL", local);
            return flagged
                ? source.Replace("            catalog.Touch();", "            catalog.{|#0:Touch|}();").Replace("            lock (items)", "            {|#1:lock|} (items)")
                : source;
        }

        [Fact]
        public Task A_lock_on_a_local_read_from_a_property_returning_the_field_is_the_field_s_lock()
            => Verify.VerifyAnalyzerAsync(With("var items = inventory.Items;", flagged: true),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0),
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1));

        [Fact]
        public Task A_lock_on_the_property_itself_is_the_field_s_lock()
            => Verify.VerifyAnalyzerAsync(With("var items = inventory.Items;").Replace("            lock (items)", "            {|#1:lock|} (inventory.Items)")
                    .Replace("            catalog.Touch();", "            catalog.{|#0:Touch|}();"),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0),
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1));

        [Fact]
        public Task An_expression_bodied_property_returning_the_field_is_the_field_s_lock()
            => Verify.VerifyAnalyzerAsync(With("var items = inventory.Items;", flagged: true).Replace("get { return _items; }", "get => _items;"),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0),
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1));

        [Fact]
        public Task A_property_returning_another_field_is_another_lock()
            => Verify.VerifyAnalyzerAsync(With("var items = inventory.Archive;"));

        [Fact]
        public Task A_getter_that_makes_a_new_object_is_not_the_field_s_lock()
            => Verify.VerifyAnalyzerAsync(With("var items = inventory.Snapshot;"));

        [Fact]
        public Task A_local_given_two_values_names_no_lock()
            => Verify.VerifyAnalyzerAsync(With("var items = inventory.Items;\n            if (old) items = inventory.Archive;"));
    }
}

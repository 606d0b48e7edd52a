using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Microsoft.CodeAnalysis.Testing;
using RaceAnalyzers.CodeFixes.InMemory;
using RaceAnalyzers.Rules.InMemory;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.InMemory.ConcurrentDictionaryAnalyzer, RaceAnalyzers.CodeFixes.InMemory.AtomicDictionaryFixer>;

namespace RaceAnalyzers.Tests.Fixes.InMemory
{
    /// <summary>RACE009's fixes: AddOrUpdate for read-plus-delta, GetOrAdd for add-when-missing, TryRemove(KeyValuePair) for an owner-checked removal, and where none is offered.</summary>
    public sealed class Race009FixTests
    {
        [Theory]
        [InlineData("{|RACE009:_counts[key] = _counts[key] + amount|};", "_counts.AddOrUpdate(key, amount, (_, current) => current + amount);")]
        [InlineData("{|RACE009:_counts[key] = _counts.GetValueOrDefault(key) + 1|};", "_counts.AddOrUpdate(key, 1, (_, current) => current + 1);")]
        [InlineData("{|RACE009:_counts[key] = _counts.GetValueOrDefault(key) - amount * 2|};", "_counts.AddOrUpdate(key, -(amount * 2), (_, current) => current - (amount * 2));")]
        [InlineData("{|RACE009:_counts[key] = amount + _counts[key]|};", "_counts.AddOrUpdate(key, amount, (_, current) => current + amount);")]
        public async Task ReadPlusDelta_BecomesAddOrUpdate(string before, string after)
        {
            await Verify.VerifyCodeFixAsync(InMemoryCode.Service("        " + before + "\n"), InMemoryCode.Service("        " + after + "\n"));
        }

        [Fact]
        public async Task DeltaWithEffects_IsComputedOnceBeforeTheCall()
        {
            await Verify.VerifyCodeFixAsync(
                InMemoryCode.Service("        {|RACE009:_counts[key] = _counts.GetValueOrDefault(key) + Weigh(key)|};\n", "string key, Func<string, int> Weigh"),
                InMemoryCode.Service("        var increment = Weigh(key);\n        _counts.AddOrUpdate(key, increment, (_, current) => current + increment);\n", "string key, Func<string, int> Weigh"));
        }

        [Fact]
        public async Task AddWhenMissing_BecomesGetOrAdd()
        {
            await Verify.VerifyCodeFixAsync(InMemoryCode.Service("""
        if (!_sessions.ContainsKey(key))
        {
            {|RACE009:_sessions[key] = Create(key)|};
        }

"""), InMemoryCode.Service("""
        _sessions.GetOrAdd(key, _ => Create(key));

"""));
        }

        [Fact]
        public async Task CreateWhenMissingThenUse_BecomesOneGetOrAdd()
        {
            await Verify.VerifyCodeFixAsync(InMemoryCode.Service("""
        if (!_sessions.TryGetValue(key, out var session))
        {
            session = Create(key);
            {|RACE009:_sessions.TryAdd(key, session)|};
        }

        return session;

""", "string key", "Session"), InMemoryCode.Service("""
        var session = _sessions.GetOrAdd(key, _ => Create(key));

        return session;

""", "string key", "Session"));
        }

        [Theory]
        [InlineData(
            "if (_sessions.TryGetValue(key, out var owner) && owner == current)\n        {\n            {|RACE009:_sessions.TryRemove(key, out _)|};\n        }",
            "if (_sessions.TryGetValue(key, out var owner) && owner == current)\n        {\n            _sessions.TryRemove(KeyValuePair.Create(key, owner));\n        }")]
        [InlineData(
            "if (!_sessions.TryGetValue(key, out var owner) || owner != current)\n        {\n            return;\n        }\n\n        {|RACE009:_sessions.TryRemove(key, out _)|};",
            "if (!_sessions.TryGetValue(key, out var owner) || owner != current)\n        {\n            return;\n        }\n\n        _sessions.TryRemove(KeyValuePair.Create(key, owner));")]
        [InlineData(
            "if (_sessions.TryGetValue(key, out var owner))\n        {\n            if (current == owner)\n            {\n                {|RACE009:_sessions.TryRemove(key, out var removed)|};\n            }\n        }",
            "if (_sessions.TryGetValue(key, out var owner))\n        {\n            if (current == owner)\n            {\n                _sessions.TryRemove(KeyValuePair.Create(key, owner));\n            }\n        }")]
        public async Task OwnerCheckedRemoval_RemovesOnlyTheValueChecked(string before, string after)
        {
            await Verify.VerifyCodeFixAsync(InMemoryCode.Service("        " + before + "\n", "string key, Session current"), InMemoryCode.Service("        " + after + "\n", "string key, Session current"));
        }

        [Fact]
        public async Task OwnerCheckedRemoval_WhoseResultIsTested_KeepsTheTest()
        {
            await Verify.VerifyCodeFixAsync(InMemoryCode.Service("""
        if (_sessions.TryGetValue(key, out var owner) && owner == current)
        {
            if (!{|RACE009:_sessions.TryRemove(key, out _)|})
            {
                Console.WriteLine("replaced meanwhile");
            }
        }

""", "string key, Session current"), InMemoryCode.Service("""
        if (_sessions.TryGetValue(key, out var owner) && owner == current)
        {
            if (!_sessions.TryRemove(KeyValuePair.Create(key, owner)))
            {
                Console.WriteLine("replaced meanwhile");
            }
        }

""", "string key, Session current"));
        }

        /// <summary>
        /// Where removing by key and value would not mean what the code meant: the removed value is used (the new
        /// call returns none), the owner is changed after the check, the check is not an equality (a value can
        /// change and still pass it), or the comparison is not the one the dictionary compares with.
        /// </summary>
        [Theory]
        [InlineData("if (_sessions.TryGetValue(key, out var owner) && owner == current)\n        {\n            {|RACE009:_sessions.TryRemove(key, out var removed)|};\n            removed?.Dispose();\n        }")]
        [InlineData("if (_sessions.TryGetValue(key, out var owner) && owner == current)\n        {\n            owner = Create(key);\n            {|RACE009:_sessions.TryRemove(key, out _)|};\n        }")]
        [InlineData("if (_sessions.TryGetValue(key, out var owner) && owner.Equals(current))\n        {\n            {|RACE009:_sessions.TryRemove(key, out _)|};\n        }")]
        [InlineData("if (_sessions.TryGetValue(key, out var owner) || owner == current)\n        {\n            {|RACE009:_sessions.TryRemove(key, out _)|};\n        }")]
        [InlineData("if (_sessions.TryGetValue(key, out var owner) && owner != current)\n        {\n            {|RACE009:_sessions.TryRemove(key, out _)|};\n        }")]
        public async Task OwnerCheckedRemoval_WhereTheNewCallWouldMeanSomethingElse_GetsNoFix(string body)
        {
            await Verify.VerifyNoFixAsync(InMemoryCode.Service("        " + body + "\n", "string key, Session current"));
        }

        /// <summary>
        /// <c>==</c> compares identity, the dictionary compares with <c>Equals</c>: when the value's type compares by
        /// value (its own <c>Equals</c>), or may (<c>object</c>, an interface), the new call could remove an equal
        /// but different object another thread put there.
        /// </summary>
        [Theory]
        [InlineData("Owner", "public sealed class Owner\n{\n    public string Name = \"\";\n\n    public override bool Equals(object? other) => other is Owner owner && owner.Name == Name;\n\n    public override int GetHashCode() => Name.GetHashCode();\n}\n")]
        [InlineData("object", "")]
        [InlineData("IOwner", "public interface IOwner\n{\n}\n")]
        public async Task OwnerCheckedRemoval_OnValuesThatMayCompareByValue_GetsNoFix(string valueType, string declaration)
        {
            await Verify.VerifyNoFixAsync($$"""
using System;
using System.Collections.Concurrent;

{{declaration}}
public sealed class Leases
{
    private readonly ConcurrentDictionary<string, {{valueType}}> _leases = new ConcurrentDictionary<string, {{valueType}}>();

    public void Release(string key, {{valueType}} current)
    {
        if (_leases.TryGetValue(key, out var owner) && owner == current)
        {
            {|RACE009:_leases.TryRemove(key, out _)|};
        }
    }
}

""");
        }

        /// <summary>Before .NET 5 ConcurrentDictionary has no public <c>TryRemove(KeyValuePair)</c> (here netstandard2.0): the diagnostic stands alone.</summary>
        [Fact]
        public async Task OwnerCheckedRemoval_WhereTheOverloadDoesNotExist_GetsNoFix()
        {
            const string Source = """
using System.Collections.Concurrent;

public sealed class Lease
{
}

public sealed class Leases
{
    private readonly ConcurrentDictionary<string, Lease> _leases = new ConcurrentDictionary<string, Lease>();

    public void Release(string key, Lease current)
    {
        if (_leases.TryGetValue(key, out var owner) && owner == current)
        {
            {|RACE009:_leases.TryRemove(key, out _)|};
        }
    }
}

""";
            var test = new RaceTest<ConcurrentDictionaryAnalyzer, AtomicDictionaryFixer> { TestCode = Source, FixedCode = Source, ReferenceAssemblies = ReferenceAssemblies.NetStandard.NetStandard20 };
            test.TestState.AdditionalReferences.Clear();
            await test.RunAsync();
        }

        [Fact]
        public async Task OwnerCheckedRemoval_WithoutKeyValuePairCreateInScope_SpellsTheTypeOut()
        {
            const string Before = """
using System.Collections.Concurrent;

public class Lease
{
}

public sealed class Leases
{
    private readonly ConcurrentDictionary<string, Lease> _leases = new ConcurrentDictionary<string, Lease>();

    public void Release(string key, Lease current)
    {
        if (_leases.TryGetValue(key, out var owner) && owner == current)
        {
            {|RACE009:_leases.TryRemove(key, out _)|};
        }
    }
}

""";
            await Verify.VerifyCodeFixAsync(Before, Before.Replace("{|RACE009:_leases.TryRemove(key, out _)|}", "_leases.TryRemove(System.Collections.Generic.KeyValuePair.Create(key, owner))"));
        }

        [Theory]
        [InlineData("if (_counts.TryGetValue(key, out var n))\n        {\n            {|RACE009:_counts[key] = n + 1|};\n        }")]
        [InlineData("if (_sessions.ContainsKey(key))\n        {\n            return;\n        }\n\n        {|RACE009:_sessions[key] = Create(key)|};")]
        [InlineData("if (_counts.TryGetValue(key, out var n) && n > 10)\n        {\n            {|RACE009:_counts.TryRemove(key, out _)|};\n        }")]
        [InlineData("if (key.Length > 0)\n            if (!_sessions.TryGetValue(key, out var session))\n            {\n                session = Create(key);\n                {|RACE009:_sessions.TryAdd(key, session)|};\n            }")]
        public async Task OtherShapes_GetNoFix(string body)
        {
            await Verify.VerifyNoFixAsync(InMemoryCode.Service("        " + body + "\n"));
        }
    }
}

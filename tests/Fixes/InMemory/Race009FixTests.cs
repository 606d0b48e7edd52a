using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.InMemory.ConcurrentDictionaryAnalyzer, RaceAnalyzers.CodeFixes.InMemory.AtomicDictionaryFixer>;

namespace RaceAnalyzers.Tests.Fixes.InMemory
{
    /// <summary>RACE009's fixes: AddOrUpdate for read-plus-delta, GetOrAdd for add-when-missing, and where none is offered.</summary>
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

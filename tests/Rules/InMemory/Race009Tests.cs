using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.InMemory.ConcurrentDictionaryAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.InMemory
{
    /// <summary>RACE009: a write to a shared ConcurrentDictionary entry decided by an earlier read of it.</summary>
    public sealed class Race009Tests
    {
        [Theory]
        [InlineData("{|RACE009:_counts[key] = _counts[key] + amount|};")]
        [InlineData("{|RACE009:_counts[key] = _counts.GetValueOrDefault(key) + 1|};")]
        [InlineData("var seen = _counts.GetValueOrDefault(key);\n        {|RACE009:_counts[key] = seen - amount|};")]
        [InlineData("var current = _counts[key];\n        {|RACE009:_counts[key] = current + amount|};")]
        [InlineData("if (_counts.TryGetValue(key, out var n))\n        {\n            {|RACE009:_counts[key] = n + 1|};\n        }")]
        [InlineData("if (!_sessions.ContainsKey(key))\n        {\n            {|RACE009:_sessions[key] = Create(key)|};\n        }")]
        [InlineData("if (_sessions.ContainsKey(key))\n        {\n            return;\n        }\n\n        {|RACE009:_sessions[key] = Create(key)|};")]
        [InlineData("if (!_sessions.TryGetValue(key, out var s))\n        {\n            s = Create(key);\n            {|RACE009:_sessions.TryAdd(key, s)|};\n        }")]
        [InlineData("if (_counts.TryGetValue(key, out var n) && n > 10)\n        {\n            {|RACE009:_counts.TryRemove(key, out _)|};\n        }")]
        public async Task WriteDecidedByAReadOfTheSameEntry_IsFlaggedAtTheWrite(string body)
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("        " + body + "\n"));
        }

        [Fact]
        public async Task CapturedLocalDictionary_IsShared_AndFlagged()
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("""
        var totals = new ConcurrentDictionary<string, int>();
        Parallel.For(0, 10, i => { {|RACE009:totals[key] = totals.GetValueOrDefault(key) + i|}; });

"""));
        }

        [Fact]
        public async Task Message_NamesTheWriteTheReadAndTheAtomicCall()
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("        _counts[key] = _counts[key] + amount;\n"),
                Verify.Diagnostic("RACE009").WithSpan(23, 9, 23, 45).WithSpan(23, 24, 23, 36).WithArguments("_counts[key] = _counts[key] + amount", "_counts", "_counts[key]", 23, "AddOrUpdate"));
        }

        [Theory]
        [InlineData("_counts.AddOrUpdate(key, amount, (_, n) => n + amount);")]
        [InlineData("_sessions.GetOrAdd(key, Create);")]
        [InlineData("lock (_gate)\n        {\n            _counts[key] = _counts.GetValueOrDefault(key) + 1;\n        }")]
        [InlineData("while (true)\n        {\n            var old = _counts.GetValueOrDefault(key);\n            if (_counts.TryUpdate(key, old + 1, old)) break;\n        }")]
        [InlineData("_counts[key] = amount;")]
        [InlineData("if (_counts.ContainsKey(key + \"-other\"))\n        {\n            _counts[key] = 1;\n        }")]
        [InlineData("if (_sessions.ContainsKey(key))\n        {\n            _counts[key] = 1;\n        }")]
        [InlineData("var local = new ConcurrentDictionary<string, int>();\n        local[key] = local.GetValueOrDefault(key) + 1;")]
        [InlineData("if (!_sessions.TryGetValue(key, out var s))\n        {\n            s = Create(key);\n            if (!_sessions.TryAdd(key, s)) s = _sessions[key];\n        }")]
        [InlineData("var plain = new Dictionary<string, int>();\n        plain[key] = plain.GetValueOrDefault(key) + 1;")]
        [InlineData("if (!_names.TryGetValue(key, out var names))\n        {\n            names = new List<string> { key };\n            _names.TryAdd(key, names);\n        }")]
        [InlineData("if (!_names.ContainsKey(key))\n        {\n            _names[key] = new List<string> { key };\n        }")]
        public async Task AtomicCallsLocksOtherEntriesAndCachedData_AreClean(string body)
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("        " + body + "\n"));
        }
    }
}

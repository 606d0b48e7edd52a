using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.InMemory.ConcurrentDictionaryAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.InMemory
{
    /// <summary>
    /// RACE009 on a value taken from the same dictionary (Silverback's endpoint cache: a partition without its own
    /// entry gets the "any partition" entry copied under its key): every racing caller stores the same object, so
    /// nothing is lost. A value read and then changed in code still decides the write.
    /// </summary>
    public sealed class Race009AliasTests
    {
        [Theory]
        [InlineData("if (_sessions.TryGetValue(key, out var session))\n        {\n            return;\n        }\n\n        if (_sessions.TryGetValue(\"*\", out session))\n        {\n            _sessions.TryAdd(key, session);\n        }")]
        [InlineData("if (!_sessions.ContainsKey(key))\n        {\n            var fallback = _sessions[\"*\"];\n            _sessions[key] = fallback;\n        }")]
        public async Task ValueCopiedFromAnotherEntry_IsClean(string body)
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("        " + body + "\n"));
        }

        [Theory]
        [InlineData("_counts.TryGetValue(key, out var count);\n        count++;\n        {|RACE009:_counts[key] = count|};")]
        [InlineData("_counts.TryGetValue(key, out var count);\n        count += amount;\n        {|RACE009:_counts[key] = count|};")]
        [InlineData("if (_sessions.TryGetValue(key, out var session))\n        {\n            return;\n        }\n\n        _sessions.TryGetValue(\"*\", out session);\n        session = Create(key);\n        {|RACE009:_sessions.TryAdd(key, session)|};")]
        public async Task ValueChangedAfterItWasRead_IsFlagged(string body)
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("        " + body + "\n"));
        }
    }
}

using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.InMemory.ConcurrentDictionaryAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.InMemory
{
    /// <summary>
    /// RACE009 on removals: a removal decided by the entry's value (an owner read and compared, then removed by key)
    /// can drop an entry another thread put there in between; a presence check that only leaves early decides
    /// nothing the removal's own result does not.
    /// </summary>
    public sealed class Race009RemovalTests
    {
        [Theory]
        [InlineData("if (_sessions.TryGetValue(key, out var owner) && owner == current)\n        {\n            {|RACE009:_sessions.TryRemove(key, out _)|};\n        }")]
        [InlineData("if (!_sessions.TryGetValue(key, out var owner) || owner != current)\n        {\n            return;\n        }\n\n        {|RACE009:_sessions.TryRemove(key, out _)|};")]
        public async Task RemovalDecidedByTheOwnerItRead_IsFlagged(string body)
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("        " + body + "\n", parameters: "string key, Session current"));
        }

        [Theory]
        [InlineData("if (!_sessions.ContainsKey(key))\n        {\n            return;\n        }\n\n        if (!_sessions.TryRemove(key, out _))\n        {\n            Console.WriteLine(\"already gone\");\n        }")]
        [InlineData("if (!_sessions.TryGetValue(key, out _))\n        {\n            return;\n        }\n\n        _sessions.TryRemove(key, out var removed);\n        removed?.Dispose();")]
        [InlineData("if (_sessions.TryGetValue(key, out var owner) && owner == current)\n        {\n            _sessions.TryRemove(new KeyValuePair<string, Session>(key, owner));\n        }")]
        public async Task PresenceOnlyChecksAndOwnerCheckedRemovals_AreClean(string body)
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("        " + body + "\n", parameters: "string key, Session current"));
        }
    }
}

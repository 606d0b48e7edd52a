using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.InMemory.ConcurrentDictionaryAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.InMemory
{
    /// <summary>
    /// Both branches of a check decide their writes: in a counter kept as <c>if (d.ContainsKey(k)) d[k] = d[k] + 1;
    /// else d[k] = 1;</c> the else write loses a count as surely as the then write. A plain fill of a missing entry
    /// beside a branch that does not update it stays quiet.
    /// </summary>
    public sealed class Race009BranchTests
    {
        [Fact]
        public async Task BothWritesOfACounter_AreFlagged()
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("""
        if (_counts.ContainsKey(key))
        {
            {|RACE009:_counts[key] = _counts[key] + 1|};
        }
        else
        {
            {|RACE009:_counts[key] = 1|};
        }

"""));
        }

        [Fact]
        public async Task AFillBesideABranchThatOnlyReads_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(InMemoryCode.Service("""
        if (_counts.ContainsKey(key))
        {
            Console.WriteLine(_counts[key]);
        }
        else
        {
            _counts[key] = 1;
        }

"""));
        }
    }
}

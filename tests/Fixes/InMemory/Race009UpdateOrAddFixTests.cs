using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.InMemory.ConcurrentDictionaryAnalyzer, RaceAnalyzers.CodeFixes.InMemory.AtomicDictionaryFixer>;

namespace RaceAnalyzers.Tests.Fixes.InMemory
{
    /// <summary>RACE009 on a write in each branch of a <c>TryGetValue</c> (the held-out <c>AddBytes</c>): one AddOrUpdate, and where it is not offered.</summary>
    public sealed class Race009UpdateOrAddFixTests
    {
        [Theory]
        [InlineData(
            "if (_counts.TryGetValue(key, out var total))\n        {\n            {|RACE009:_counts[key] = total + amount|};\n        }\n        else\n        {\n            {|RACE009:_counts[key] = amount|};\n        }",
            "_counts.AddOrUpdate(key, amount, (_, total) => total + amount);")]
        [InlineData(
            "// per tenant\n        if (_counts.TryGetValue(key, out int total))\n            {|RACE009:_counts[key] = amount * 2 + total|};\n        else\n            {|RACE009:_counts[key] = 1|};",
            "// per tenant\n        _counts.AddOrUpdate(key, 1, (_, total) => amount * 2 + total);")]
        [InlineData(
            "if (_counts.TryGetValue(key, out var total))\n        {\n            {|RACE009:_counts[key] = total + amount|}; // metered\n        }\n        else\n        {\n            {|RACE009:_counts[key] = amount|}; // metered\n        }",
            "_counts.AddOrUpdate(key, amount, (_, total) => total + amount); // metered")]
        [InlineData(
            "if (_counts.TryGetValue(key, out var total))\n        {\n            // again\n            {|RACE009:_counts[key] = total + amount|};\n        }\n        else\n        {\n            {|RACE009:_counts[key] = amount|}; // first\n        }",
            "// again\n        // first\n        _counts.AddOrUpdate(key, amount, (_, total) => total + amount);")]
        public async Task WriteInEachBranch_BecomesOneAddOrUpdate(string before, string after)
        {
            await Verify.VerifyCodeFixAsync(InMemoryCode.Service("        " + before + "\n"), InMemoryCode.Service("        " + after + "\n"));
        }

        /// <summary>
        /// Where AddOrUpdate would not mean the same: a value with effects (AddOrUpdate evaluates the added value even
        /// when the entry exists and may run the update more than once), the old value used after the <c>if</c>
        /// (it has no value there any more), a branch doing more than the write, or a branch writing another entry.
        /// </summary>
        [Theory]
        [InlineData("if (_counts.TryGetValue(key, out var total))\n        {\n            {|RACE009:_counts[key] = total + Weigh(key)|};\n        }\n        else\n        {\n            {|RACE009:_counts[key] = 1|};\n        }")]
        [InlineData("if (_counts.TryGetValue(key, out var total))\n        {\n            {|RACE009:_counts[key] = total + 1|};\n        }\n        else\n        {\n            {|RACE009:_counts[key] = Weigh(key)|};\n        }")]
        [InlineData("if (_counts.TryGetValue(key, out var total))\n        {\n            {|RACE009:_counts[key] = total + 1|};\n        }\n        else\n        {\n            {|RACE009:_counts[key] = 1|};\n        }\n\n        Console.WriteLine(total);")]
        [InlineData("if (_counts.TryGetValue(key, out var total))\n        {\n            {|RACE009:_counts[key] = total + 1|};\n        }\n        else\n        {\n            Console.WriteLine(key);\n            {|RACE009:_counts[key] = 1|};\n        }")]
        [InlineData("if (_counts.TryGetValue(key, out var total))\n        {\n            {|RACE009:_counts[key] = total + 1|};\n        }\n        else\n        {\n            _counts[key + \"-first\"] = 1;\n        }")]
        public async Task WhereAddOrUpdateWouldMeanSomethingElse_GetsNoFix(string body)
        {
            await Verify.VerifyNoFixAsync(InMemoryCode.Service("        " + body + "\n", "string key, Func<string, int> Weigh"));
        }
    }
}

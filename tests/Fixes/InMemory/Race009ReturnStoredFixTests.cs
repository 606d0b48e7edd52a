using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.InMemory.ConcurrentDictionaryAnalyzer, RaceAnalyzers.CodeFixes.InMemory.AtomicDictionaryFixer>;

namespace RaceAnalyzers.Tests.Fixes.InMemory
{
    /// <summary>
    /// RACE009 on a check that returns the stored value and otherwise stores a new one (the held-out
    /// <c>AwaitReply</c>): the new value's declaration initialized by GetOrAdd, and where that is not offered.
    /// </summary>
    public sealed class Race009ReturnStoredFixTests
    {
        private static string Replies(string body) => $$"""
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

public sealed class Replies
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pending = new ConcurrentDictionary<string, TaskCompletionSource<string>>();

    public Task<string> Await(string id, Func<string, TaskCompletionSource<string>> open)
    {
{{body}}    }
}

""";

        [Fact]
        public async Task ReturnStoredElseStoreNew_BecomesGetOrAdd()
        {
            await Verify.VerifyCodeFixAsync(Replies("""
        // one reply per id
        if (_pending.ContainsKey(id))
        {
            return _pending[id].Task;
        }

        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        {|RACE009:_pending[id] = reply|}; // the waiter's handle
        return reply.Task;

"""), Replies("""
        // one reply per id
        var reply = _pending.GetOrAdd(id, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)); // the waiter's handle
        return reply.Task;

"""));
        }

        /// <summary>
        /// Where GetOrAdd would not mean the same: a new value built by a call (it may do I/O for a caller whose
        /// value is then dropped), work between the declaration and the store, the new value used again, or the
        /// two returns giving different things.
        /// </summary>
        [Theory]
        [InlineData("        if (_pending.ContainsKey(id))\n        {\n            return _pending[id].Task;\n        }\n\n        var reply = open(id);\n        {|RACE009:_pending[id] = reply|};\n        return reply.Task;\n")]
        [InlineData("        if (_pending.ContainsKey(id))\n        {\n            return _pending[id].Task;\n        }\n\n        var reply = new TaskCompletionSource<string>();\n        Console.WriteLine(id);\n        {|RACE009:_pending[id] = reply|};\n        return reply.Task;\n")]
        [InlineData("        if (_pending.ContainsKey(id))\n        {\n            return _pending[id].Task;\n        }\n\n        var reply = new TaskCompletionSource<string>();\n        {|RACE009:_pending[id] = reply|};\n        reply.TrySetResult(id);\n        return reply.Task;\n")]
        [InlineData("        if (_pending.ContainsKey(id))\n        {\n            return Task.FromResult(id);\n        }\n\n        var reply = new TaskCompletionSource<string>();\n        {|RACE009:_pending[id] = reply|};\n        return reply.Task;\n")]
        public async Task WhereGetOrAddWouldMeanSomethingElse_GetsNoFix(string body)
        {
            await Verify.VerifyNoFixAsync(Replies(body));
        }
    }
}

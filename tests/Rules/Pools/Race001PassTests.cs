using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE001 and values that are new on each pass or each assignment (false positives seen on an open-source
    /// PostgreSQL driver): a foreach deconstruction's array, and a field returned and then rented again, are not
    /// used after their own return. The same buffer used after its return is still flagged, and so is a write
    /// started with it before the return and awaited after it (work started, not awaited).
    /// </summary>
    public sealed class Race001PassTests
    {
        [Fact]
        public async Task ForeachDeconstruction_ReturnedAtTheEndOfEachPass_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var segments = new System.Collections.Generic.List<(byte[] Array, int Length)>();
        var target = new byte[64];
        var offset = 0;
        foreach (var (array, length) in segments)
        {
            array.AsSpan(0, length).CopyTo(target.AsSpan(offset));
            ArrayPool<byte>.Shared.Return(array);
            offset += length;
        }
"""));
        }

        [Fact]
        public async Task FieldReturnedThenRentedAgain_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        if (_cache is { } cache)
        {
            ArrayPool<byte>.Shared.Return(cache);
        }

        _cache = ArrayPool<byte>.Shared.Rent(128);
        _cache[0] = 1;
""", members: "    private byte[]? _cache;\n"));
        }

        [Fact]
        public async Task FieldReturnedThenRentedAgain_InALoop_IsClean_EachPassBindsANewArray()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        for (var i = 0; i < 4; i++)
        {
            if (_cache is { } cache)
            {
                ArrayPool<byte>.Shared.Return(cache);
            }

            _cache = ArrayPool<byte>.Shared.Rent(128 * (i + 1));
            _cache[0] = 1;
        }
""", members: "    private byte[]? _cache;\n"));
        }

        [Fact]
        public async Task PatternBoundArray_UsedAfterItsReturnInTheSamePass_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        for (var i = 0; i < 4; i++)
        {
            if (_cache is { } cache)
            {
                {|RACE001:ArrayPool<byte>.Shared.Return(cache)|};
                cache[0] = 0;
            }

            _cache = ArrayPool<byte>.Shared.Rent(128);
        }
""", members: "    private byte[]? _cache;\n"));
        }

        [Fact]
        public async Task WriteStartedBeforeTheReturnAndAwaitedAfterIt_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(128);
        var write = stream.WriteAsync(buffer, 0, 128, ct);
        {|RACE001:ArrayPool<byte>.Shared.Return(buffer)|};
        await write;
"""));
        }

        [Fact]
        public async Task WriteStartedAndAwaitedBeforeTheReturn_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(128);
        var write = stream.WriteAsync(buffer, 0, 128, ct);
        await write;
        ArrayPool<byte>.Shared.Return(buffer);
        var other = stream.FlushAsync(ct);
        await other;
"""));
        }

        [Fact]
        public async Task BufferUsedAfterItsReturn_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(128);
        {|RACE001:ArrayPool<byte>.Shared.Return(buffer)|};
        buffer[0] = 1;
"""));
        }
    }
}

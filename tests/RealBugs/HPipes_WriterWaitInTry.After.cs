// HavenDV/H.Pipes, src/libs/H.Pipes/IO/PipeStreamWriter.cs, fixed in fffb4d2 (issue #24): the wait moves before
// the try, so only a writer that got the slot releases it.
#nullable enable
using System;
using System.IO;
using System.IO.Pipes;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.HPipes_WriterWaitInTry.After;

public sealed class PipeStreamWriter : IDisposable
{
    public PipeStreamWriter(PipeStream stream)
    {
        BaseStream = stream ?? throw new ArgumentNullException(nameof(stream));
    }

    private PipeStream BaseStream { get; }

    private SemaphoreSlim SemaphoreSlim { get; } = new SemaphoreSlim(1, 1);

    public async Task WriteAsync(byte[] buffer, CancellationToken cancellationToken = default)
    {
        buffer = buffer ?? throw new ArgumentNullException(nameof(buffer));

        await SemaphoreSlim.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteLengthAsync(buffer.Length, cancellationToken).ConfigureAwait(false);
            await BaseStream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);

            try
            {
                await BaseStream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // the other end may already be gone; the project ignores this (its issue #22)
            }
        }
        finally
        {
            SemaphoreSlim.Release();
        }
    }

    public void Dispose()
    {
        BaseStream.Dispose();
        SemaphoreSlim.Dispose();
    }

    private async Task WriteLengthAsync(int length, CancellationToken cancellationToken = default)
    {
        var buffer = BitConverter.GetBytes(IPAddress.HostToNetworkOrder(length));
        await BaseStream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }
}

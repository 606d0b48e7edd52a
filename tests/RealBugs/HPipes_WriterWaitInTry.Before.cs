// HavenDV/H.Pipes, src/libs/H.Pipes/IO/PipeStreamWriter.cs, before 54e7196/fffb4d2 (issue #24): WaitAsync(token)
// sits inside the try whose finally releases; a cancelled wait releases a slot never taken (SemaphoreFullException,
// or a second writer interleaving its frame with the first).
#nullable enable
using System;
using System.IO;
using System.IO.Pipes;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.HPipes_WriterWaitInTry.Before;

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

        try
        {
            await SemaphoreSlim.WaitAsync(cancellationToken).ConfigureAwait(false); // expect: RACE002
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

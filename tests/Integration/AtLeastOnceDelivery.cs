using System;
using System.Threading.Tasks;
using Npgsql;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>A broker's at-least-once delivery: a handler that throws gets the message again.</summary>
    internal static class AtLeastOnceDelivery
    {
        private const int MaxAttempts = 10;

        /// <summary>Delivers until the handler returns; redelivers on a transient failure or a key violation of a naive handler's late INSERT.</summary>
        public static async Task DeliverUntilHandled(Func<Task> deliver)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await deliver();
                    return;
                }
                catch (Exception failure) when (attempt < MaxAttempts && (failure is TimeoutException || failure is PostgresException))
                {
                    // Redelivered.
                }
            }
        }
    }
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>
    /// RACE012: the first await reached while a thread-owned lock is held, once per acquisition. The await is
    /// reported, the take is the additional location: what the fix finds the held lock by.
    /// </summary>
    internal static class ThreadAffineAwait
    {
        public static void Report(AnalyzedBody body, LockFacts facts)
        {
            var reported = new HashSet<HeldLock>();
            foreach (var awaitSite in facts.Awaits)
            {
                foreach (var held in awaitSite.Held)
                {
                    if (held.ThreadAffine && reported.Add(held))
                    {
                        body.Report(Diagnostic.Create(
                            Descriptors.Race012ThreadAffineLockAcrossAwait,
                            awaitSite.Site,
                            new[] { held.Site },
                            held.Display,
                            held.TakenBy,
                            held.Site.GetLineSpan().StartLinePosition.Line + 1,
                            ExitName(held)));
                    }
                }
            }
        }

        private static string ExitName(HeldLock held) => held.Primitive switch
        {
            LockPrimitive.Monitor => "Monitor.Exit",
            LockPrimitive.Lock => "Exit",
            LockPrimitive.Mutex => "ReleaseMutex",
            LockPrimitive.SpinLock => "Exit",
            _ => held.Mode == LockMode.Read ? "ExitReadLock" : held.Mode == LockMode.Upgradeable ? "ExitUpgradeableReadLock" : "ExitWriteLock",
        };
    }
}

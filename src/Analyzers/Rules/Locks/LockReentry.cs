using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>
    /// RACE013: a lock that does not re-enter, taken again on a path that already holds it: in the same body, or
    /// through calls on the same instance. Lock statements, Monitor, Lock and Mutex re-enter and are never reported.
    /// </summary>
    internal static class LockReentry
    {
        public static void Report(AnalyzedBody body, LockFacts facts, LockSummaries summaries, int maxDepth)
        {
            foreach (var acquisition in facts.Acquisitions)
            {
                var held = acquisition.Held.FirstOrDefault(outer => SameInstance(outer.Id, acquisition.Id));
                if (held != null && Conflicts(held, acquisition, body))
                {
                    Report(body, acquisition.Site, acquisition, held, string.Empty);
                }
            }

            foreach (var call in facts.Calls)
            {
                if (call.Held.IsEmpty || !call.Held.Any(CannotReenter))
                {
                    continue;
                }

                // What the call takes, named as this body names its objects: the callee's this, parameters and stable members.
                var reportedHere = new HashSet<HeldLock>();
                foreach (var reached in summaries.TakenBy(call, maxDepth, body.CancellationToken))
                {
                    var held = call.Held.FirstOrDefault(outer => SameInstance(outer.Id, reached.Id));
                    if (held != null && Conflicts(held, reached.Acquisition, body) && reportedHere.Add(held))
                    {
                        var path = string.Join(" → ", reached.Path.Select(method => "'" + MethodNames.Of(method) + "'"));
                        Report(body, call.Site, reached.Acquisition, held, " (through " + path + ")");
                    }
                }
            }
        }

        private static bool SameInstance(LockId outer, LockId inner) => outer.SameObjectAs(inner);

        private static bool Conflicts(HeldLock held, LockAcquisition again, AnalyzedBody body)
        {
            if (!held.Certain || !CannotReenter(held))
            {
                return false;
            }

            switch (held.Primitive)
            {
                case LockPrimitive.Semaphore:
                    // A timed wait too: the one slot is this path's own, so it can only time out.
                    return true;
                case LockPrimitive.SpinLock:
                    return true;
                case LockPrimitive.ReaderWriter:
                    var mode = again.Taken.Mode;
                    if (ReadThenStronger(held, again))
                    {
                        return true;
                    }

                    // Without recursion every re-entry throws but the upgradeable holder's step to write or read.
                    var recursion = held.Id.Member is ISymbol member && LockCreation.SupportsRecursion(member, body.CancellationToken);
                    return !recursion && !(held.Mode == LockMode.Upgradeable && mode != LockMode.Upgradeable);
                default:
                    return false;
            }
        }

        private static void Report(AnalyzedBody body, Location site, LockAcquisition again, HeldLock held, string through)
            => body.Report(Diagnostic.Create(
                Descriptors.Race013NonReentrantLockTakenAgain,
                site,
                new[] { held.Site },
                held.Display,
                again.Taken.TakenBy,
                held.TakenBy,
                held.Site.GetLineSpan().StartLinePosition.Line + 1,
                through,
                Consequence(held, again)));

        /// <summary>A read-lock holder asking for the write or upgradeable lock: refused under every recursion policy.</summary>
        private static bool ReadThenStronger(HeldLock held, LockAcquisition again)
            => held.Mode == LockMode.Read && again.Taken.Mode != LockMode.Read;

        private static string Consequence(HeldLock held, LockAcquisition again) => held.Primitive switch
        {
            LockPrimitive.Semaphore when !again.Blocks => "a SemaphoreSlim(1, 1) has one slot and no owner, so this timed wait can only time out",
            LockPrimitive.Semaphore => "a SemaphoreSlim(1, 1) has one slot and no owner, so this wait waits for itself forever",
            LockPrimitive.SpinLock => "a SpinLock never re-enters: this spins forever, or throws when it tracks its owner",
            _ when ReadThenStronger(held, again)
                => "a ReaderWriterLockSlim never lets a read-lock holder take the write or upgradeable lock: LockRecursionException in every recursion policy",
            _ => "a ReaderWriterLockSlim made without LockRecursionPolicy.SupportsRecursion throws LockRecursionException here",
        };

        /// <summary>Semaphores, reader/writer locks and spin locks: taken again by their holder, they deadlock or throw.</summary>
        private static bool CannotReenter(HeldLock held)
            => held.Primitive == LockPrimitive.Semaphore || held.Primitive == LockPrimitive.SpinLock || held.Primitive == LockPrimitive.ReaderWriter;
    }
}

// Naamloos/ModCore, ModCore/Listeners/Timers.cs, before 65dc725 (#163): ScheduleNextAsync releases the timers'
// SemaphoreSlim(1, 1) only at its end; the early return when no timer is left, and any exception from the database,
// keep it, and every later timer command hangs.
#nullable enable
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace RealBugs.ModCore_ScheduleNext.Before;

public sealed class DatabaseTimer
{
    public int Id { get; set; }
    public DateTime DispatchAt { get; set; }
}

public sealed class DatabaseContext : DbContext
{
    public DbSet<DatabaseTimer> Timers => Set<DatabaseTimer>();
}

public sealed class DatabaseContextBuilder
{
    public DatabaseContext CreateContext() => new DatabaseContext();
}

public static class Timers
{
    private static DatabaseContextBuilder databaseContextBuilder = new DatabaseContextBuilder();
    private static SemaphoreSlim semaphore = new SemaphoreSlim(1, 1);
    private static (DatabaseTimer? timer, CancellationTokenSource? cancellation) current = (null, null);

    public static async Task ScheduleNextAsync()
    {
        await semaphore.WaitAsync(); // expect: RACE002
        await TriggerExpiredTimersAsync();

        using var dbContext = databaseContextBuilder.CreateContext();
        if (!dbContext.Timers.Any())
        {
            return; // rescheduled when a new timer arrives through a command
        }

        var newTimer = dbContext.Timers.OrderBy(x => x.DispatchAt).FirstOrDefault();
        if (newTimer != null)
        {
            if (current.timer == null || current.timer.DispatchAt > newTimer.DispatchAt)
            {
                current.cancellation?.Cancel();
                current.cancellation = new CancellationTokenSource();
                current.timer = newTimer;
                var delay = newTimer.DispatchAt.Subtract(DateTime.Now);
                _ = Task.Delay(delay, current.cancellation.Token)
                    .ContinueWith(DispatchAsync, current.timer, TaskContinuationOptions.OnlyOnRanToCompletion);
            }
        }
        semaphore.Release(); // expect: RACE002
    }

    private static async Task TriggerExpiredTimersAsync()
    {
        using var dbContext = databaseContextBuilder.CreateContext();
        var now = DateTime.UtcNow.AddSeconds(2);
        var expiredTimers = dbContext.Timers.Where(x => x.DispatchAt < now).ToList();
        dbContext.Timers.RemoveRange(expiredTimers);
        await dbContext.SaveChangesAsync();
    }

    private static void DispatchAsync(Task task, object? state)
    {
    }
}

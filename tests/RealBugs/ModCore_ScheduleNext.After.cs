// Naamloos/ModCore, ModCore/Listeners/Timers.cs, fixed in 65dc725 (#163): the body is wrapped in try/finally, so the
// early return and a failure release the semaphore too (the wait without a token sits inside the try).
#nullable enable
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace RealBugs.ModCore_ScheduleNext.After;

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
        try
        {
        await semaphore.WaitAsync();
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
        }
        finally
        {
            semaphore.Release();
        }
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

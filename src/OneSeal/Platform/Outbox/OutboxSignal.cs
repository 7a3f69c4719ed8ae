using Microsoft.EntityFrameworkCore.Diagnostics;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Outbox;

/// <summary>Wakes this instance's dispatcher when a local commit wrote outbox messages (other instances find them by polling).</summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when <see cref="Notify"/> is next called. Take it before looking for work, so no wake-up is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="wake"/> or <paramref name="max"/> on <paramref name="clock"/>, whichever comes first.</summary>
    public static async Task WaitAsync(Task wake, TimeSpan max, TimeProvider clock, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(max, clock, timeout.Token);
        await Task.WhenAny(wake, delay);
        await timeout.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}

/// <summary>A save outside any transaction is its own commit.</summary>
internal sealed class OutboxWakeOnSave(OutboxSignal signal) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Wake(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Wake(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is OneSealDb db && db.Database.CurrentTransaction is null && Outbox.TakeWaiting(db)) signal.Notify();
    }
}

/// <summary>Inside a transaction the messages exist for others only after the commit.</summary>
internal sealed class OutboxWakeOnCommit(OutboxSignal signal) : DbTransactionInterceptor
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Wake(eventData.Context);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Wake(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is OneSealDb db && Outbox.TakeWaiting(db)) signal.Notify();
    }

    private static void Forget(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is OneSealDb db) Outbox.TakeWaiting(db);
    }
}

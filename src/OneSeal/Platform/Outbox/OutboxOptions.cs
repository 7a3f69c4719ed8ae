namespace OneSeal.Platform.Outbox;

/// <summary>Settings under <c>Outbox:</c> in configuration.</summary>
public sealed class OutboxOptions
{
    /// <summary><c>Outbox:Enabled</c>: run the dispatcher in this instance (an instance may only serve requests).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary><c>Outbox:InstanceName</c>: written to <c>locked_by</c>; unique per running instance.</summary>
    public string InstanceName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    /// <summary><c>Outbox:PollSeconds</c>: how often an idle dispatcher looks for work (a local commit wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary><c>Outbox:BatchSize</c>: messages claimed at once.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary><c>Outbox:MaxParallelism</c>: messages of a batch handled at the same time.</summary>
    public int MaxParallelism { get; set; } = 2;
    /// <summary>
    /// <c>Outbox:LeaseSeconds</c>: how long a claim keeps other instances away. The dispatcher renews it every third of
    /// this while the batch runs, so it can be short: a crashed instance's work is taken over within it.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running batch renews its lease: a third of it, so two renewals may fail before it runs out.</summary>
    public TimeSpan LeaseRenewal => Lease / 3;
    /// <summary><c>Outbox:MaxAttempts</c>: failed attempts before a message becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary><c>Outbox:RetryBaseSeconds</c>: delay after the first failure; doubled after each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary><c>Outbox:RetryMaxSeconds</c>: the longest delay between attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary><c>Outbox:RetentionDays</c>: processed messages are deleted after this long (dead letters are kept).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Delay before the next attempt after <paramref name="failedAttempts"/> failures (1 → base, 2 → 2×base, ...).</summary>
    public TimeSpan BackOff(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = RetryBaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= RetryMaxDelay.Ticks ? RetryMaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(InstanceName) || InstanceName.Length > OutboxMessageConfiguration.MaxInstanceLength)
            throw new InvalidOperationException($"Outbox:InstanceName must be 1 to {OutboxMessageConfiguration.MaxInstanceLength} characters.");
        if (PollInterval <= TimeSpan.Zero) throw new InvalidOperationException("Outbox:PollSeconds must be positive.");
        if (BatchSize is < 1 or > 1000) throw new InvalidOperationException("Outbox:BatchSize must be 1 to 1000.");
        if (MaxParallelism is < 1 or > 64) throw new InvalidOperationException("Outbox:MaxParallelism must be 1 to 64.");
        if (Lease <= TimeSpan.Zero) throw new InvalidOperationException("Outbox:LeaseSeconds must be positive.");
        if (MaxAttempts < 1) throw new InvalidOperationException("Outbox:MaxAttempts must be at least 1.");
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
            throw new InvalidOperationException("Outbox:RetryBaseSeconds must be positive and not above Outbox:RetryMaxSeconds.");
        if (Retention <= TimeSpan.Zero) throw new InvalidOperationException("Outbox:RetentionDays must be positive.");
    }
}

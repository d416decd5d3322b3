namespace Sublet.Core;

/// <summary>How an online move holds a tenant's writes for its switch, bound from <c>Sublet:Moves</c>.</summary>
public sealed class TenantMoveOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:Moves";

    /// <summary>
    /// How long the switch waits for the lock on the tenant's tables. Every new write of the tenant queues behind
    /// the lock from the moment it is requested, so a transaction that keeps writing would stall them all; past
    /// this wait the switch lets go and tries again after <see cref="FenceRetryDelay"/>.
    /// </summary>
    public TimeSpan FenceLockWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times the switch tries to take the lock before the move gives up (the tenant stays where it was).</summary>
    public int FenceAttempts { get; set; } = 10;

    /// <summary>The pause between two attempts at the lock.</summary>
    public TimeSpan FenceRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the old copy stays readable after the switch before it is dropped: servers learn of the switch
    /// within moments, and a read they send to the old shard meanwhile is still answered.
    /// </summary>
    public TimeSpan SourceDropDelay { get; set; } = TimeSpan.FromSeconds(2);
}

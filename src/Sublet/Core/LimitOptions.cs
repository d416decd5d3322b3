namespace Sublet.Core;

/// <summary>Limits that keep one busy tenant from taking the server from the others, bound from <c>Sublet:Limits</c>.</summary>
public sealed class LimitOptions
{
    /// <summary>Requests one tenant may have in progress at once; 0 turns the limit off.</summary>
    public int ConcurrentRequestsPerTenant { get; set; } = 32;

    /// <summary>Requests of a tenant at its limit that wait for a turn (oldest first); beyond these, 503.</summary>
    public int QueuedRequestsPerTenant { get; set; } = 16;
}

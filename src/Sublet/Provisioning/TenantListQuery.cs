using Sublet.Core;

namespace Sublet.Provisioning;

/// <summary>
/// One page of the tenant list, in slug order. Pages are keyset-paged (<see cref="After"/> is the last slug of the
/// previous page), so each costs an index range read however many tenants there are.
/// </summary>
public sealed class TenantListQuery
{
    /// <summary>Only tenants whose slug sorts after this one; null starts at the beginning.</summary>
    public string? After { get; init; }

    /// <summary>At most this many tenants; null for all of them.</summary>
    public int? Limit { get; init; }

    /// <summary>Only tenants whose slug starts with this text.</summary>
    public string? Prefix { get; init; }

    /// <summary>Only tenants in this status.</summary>
    public TenantStatus? Status { get; init; }

    /// <summary>Only tenants on this shard.</summary>
    public string? Shard { get; init; }
}

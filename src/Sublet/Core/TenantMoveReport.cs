namespace Sublet.Core;

/// <summary>What a tenant move did.</summary>
/// <param name="Slug">The tenant.</param>
/// <param name="From">The shard it left.</param>
/// <param name="To">The shard it is on now.</param>
/// <param name="Tables">Tables copied.</param>
/// <param name="Rows">Rows copied, as counted on both sides during the fence.</param>
/// <param name="Fenced">How long the tenant's writes were held: from the request for the lock on its tables (new writes queue behind it from then) to the switch's commit.</param>
/// <param name="Total">How long the whole move took.</param>
public sealed record TenantMoveReport(string Slug, string From, string To, int Tables, long Rows, TimeSpan Fenced, TimeSpan Total);

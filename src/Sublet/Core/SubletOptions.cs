namespace Sublet.Core;

/// <summary>
/// Sublet's general settings, bound from the <c>Sublet</c> configuration section. Each area's settings bind from a
/// section of their own below it (<see cref="PasswordOptions"/>, <see cref="LimitOptions"/>, <see cref="PoolOptions"/>,
/// <see cref="DomainOptions"/>, <see cref="TenantMoveOptions"/>, <see cref="ForwardedHeadersSettings"/>, ...).
/// </summary>
public sealed class SubletOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet";

    /// <summary>
    /// The central host, <c>host</c> or <c>host:port</c>; <c>&lt;slug&gt;.&lt;ServerName&gt;</c> is a tenant.
    /// With a port, a request's port must match; without one, any port does.
    /// </summary>
    public string ServerName { get; set; } = "localhost:5080";

    /// <summary>Subdomains that can never be tenant slugs.</summary>
    public IList<string> ReservedSubdomains { get; set; } =
        ["www", "api", "admin", "static", "assets", "app", "mail", "ftp", "smtp", "imap", "ns1", "ns2", "localhost", "sublet", "public", "information-schema"];

    /// <summary>
    /// Listen for catalog and session changes made by other processes (the <c>sublet</c> tool, another server):
    /// reload the in-memory catalog at once and evict revoked sessions from the session cache, which is only used
    /// while listening. Off only for short-lived processes that do not serve requests.
    /// </summary>
    public bool WatchCatalog { get; set; } = true;

    /// <summary>
    /// Whether request metrics (<c>http.server.request.duration</c>) and Sublet's own counters carry the tenant's
    /// slug as <c>sublet.tenant</c>. Each tenant is then a series of its own: with many thousands of tenants, turn
    /// it off if the metrics backend cannot hold that many. Request traces carry the tag either way.
    /// </summary>
    public bool TenantMetricsTag { get; set; } = true;

    /// <summary>
    /// Whether the database is a Citus coordinator with schema-based sharding, so that Citus places and moves
    /// tenant schemas. Unset: on when the <c>citus</c> extension is installed in the database.
    /// </summary>
    public bool? Citus { get; set; }
}

using Sublet.Core;

namespace Sublet.Hosting;

/// <summary>What Sublet resolved from the current request's <c>Host</c>, kept on the request's features.</summary>
/// <param name="Kind">The kind of host.</param>
/// <param name="Subdomain">The lowercase label below the server name, for <see cref="HostKind.Subdomain"/>.</param>
/// <param name="Tenant">The tenant the subdomain or custom domain names, if the catalog has one.</param>
public sealed record SubletRequest(HostKind Kind, string? Subdomain, Tenant? Tenant) : ITenantFeature
{
    /// <summary>For <see cref="HostKind.CustomDomain"/>, the domain as stored (lower case, no trailing dot).</summary>
    public string? CustomDomain { get; init; }
}

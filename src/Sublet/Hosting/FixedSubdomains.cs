using System.Collections.Frozen;
using Microsoft.AspNetCore.Routing;

namespace Sublet.Hosting;

/// <summary>The fixed subdomains (<c>RequireSubdomain("admin")</c>) the app's endpoints declare, read once.</summary>
internal sealed class FixedSubdomains(EndpointDataSource endpoints)
{
    private FrozenSet<string>? _names;

    public bool Contains(string subdomain)
    {
        _names ??= endpoints.Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<SubdomainMetadata>()?.Subdomain)
            .OfType<string>()
            .ToFrozenSet(StringComparer.Ordinal);
        return _names.Contains(subdomain);
    }
}

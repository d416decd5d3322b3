namespace Sublet.Core;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> are
/// believed, bound from <c>Sublet:ForwardedHeaders</c>. Empty by default: the headers are then ignored, since
/// any client can send them.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public IList<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; set; } = [];

    /// <summary>True when at least one proxy is trusted.</summary>
    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

namespace Sublet.Core;

/// <summary>Custom domains of tenants, bound from <c>Sublet:Domains</c>.</summary>
public sealed class DomainOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:Domains";

    /// <summary>
    /// Answer GET and HEAD on a tenant's subdomain with 308 to its primary custom domain, when it has one. Other
    /// methods (a login's POST) are served where they arrive.
    /// </summary>
    public bool RedirectToPrimary { get; set; }

    /// <summary>The DNS server (<c>host:port</c> or <c>host</c>) that TXT records are checked against; unset, the system's resolvers.</summary>
    public string? DnsServer { get; set; }

    /// <summary>How often pending domains' TXT records are looked up again.</summary>
    public TimeSpan VerificationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The path, on any host, where a TLS proxy asks whether it may get a certificate for <c>?domain=</c>.</summary>
    public string TlsAskPath { get; set; } = "/_sublet/tls-ask";
}

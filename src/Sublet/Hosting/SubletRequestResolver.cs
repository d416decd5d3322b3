using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Sublet.Tenancy;
using Sublet.Core;
using Sublet.Domains;

namespace Sublet.Hosting;

/// <summary>
/// Resolves a request's host once and caches the answer on its features, so the routing policy and the
/// middleware agree whatever order an app puts them in.
/// </summary>
internal sealed class SubletRequestResolver(IOptions<SubletOptions> options, ITenantCatalog catalog, DomainMap domains)
{
    private readonly HostClassifier _classifier = new(ParseServerName(options.Value.ServerName));
    private readonly HostClassifier _portless = new(ParseServerName(options.Value.ServerName) with { Port = null });

    public ServerName ServerName => _classifier.ServerName;

    public SubletRequest Resolve(HttpContext context)
    {
        if (context.Features.Get<SubletRequest>() is { } resolved)
        {
            return resolved;
        }

        // Kestrel keeps the raw Host header; HttpRequest.Host would re-encode IDN and hide bad bytes.
        var host = context.Request.Headers.Host.ToString();
        var (kind, subdomain) = _classifier.Classify(host);
        Tenant? tenant = null;
        string? customDomain = null;
        if (kind == HostKind.Subdomain)
        {
            catalog.TryGetTenant(subdomain, out tenant);
        }
        else if (kind == HostKind.Foreign && TenantOfDomain(_classifier.ForeignName(host), out tenant))
        {
            kind = HostKind.CustomDomain;
            customDomain = _classifier.ForeignName(host).ToString().ToLowerInvariant();
        }

        var request = new SubletRequest(kind, subdomain, tenant) { CustomDomain = customDomain };
        context.Features.Set(request);
        context.Features.Set<ITenantFeature>(request);
        return request;
    }

    /// <summary>
    /// Whether <paramref name="host"/> (a <c>Host</c> value or an origin's authority) is one of the tenant's own: its
    /// subdomain or one of its active custom domains.
    /// </summary>
    public bool IsHostOf(Tenant tenant, string host)
    {
        var (kind, subdomain) = _classifier.Classify(host);
        return kind switch
        {
            HostKind.Subdomain => string.Equals(subdomain, tenant.Slug, StringComparison.Ordinal),
            HostKind.Foreign => TenantOfDomain(_classifier.ForeignName(host), out var owner) && owner.Slug == tenant.Slug,
            _ => false,
        };
    }

    /// <summary>The tenant's primary custom domain, if it has one.</summary>
    public string? PrimaryDomainOf(Tenant tenant) => domains.PrimaryOf(tenant.Slug);

    /// <summary>
    /// Whether a TLS proxy may get a certificate for <paramref name="name"/>: an active tenant's subdomain or active
    /// custom domain, whatever port the server name has. From memory, like routing.
    /// </summary>
    public bool MayHaveCertificate(string? name)
    {
        var (kind, subdomain) = _portless.Classify(name);
        Tenant? tenant = null;
        var known = kind switch
        {
            HostKind.Subdomain => catalog.TryGetTenant(subdomain, out tenant),
            HostKind.Foreign => TenantOfDomain(_portless.ForeignName(name), out tenant),
            _ => false,
        };
        return known && tenant!.Status == TenantStatus.Active;
    }

    // A domain names a tenant only while both the domain map and the catalog know it: a rename updates them apart.
    private bool TenantOfDomain(ReadOnlySpan<char> name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Tenant? tenant)
    {
        tenant = null;
        return !name.IsEmpty && domains.TryGetTenant(name, out var slug) && catalog.TryGetTenant(slug, out tenant);
    }

    private static ServerName ParseServerName(string text) =>
        ServerName.TryParse(text, out var serverName)
            ? serverName
            : throw new OptionsValidationException(SubletOptions.SectionName, typeof(SubletOptions), [$"Sublet:ServerName '{text}' is not valid."]);
}

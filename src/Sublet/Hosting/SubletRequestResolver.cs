using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Sublet.Tenancy;
using Sublet.Core;

namespace Sublet.Hosting;

/// <summary>
/// Resolves a request's host once and caches the answer on its features, so the routing policy and the
/// middleware agree whatever order an app puts them in.
/// </summary>
internal sealed class SubletRequestResolver(IOptions<SubletOptions> options, ITenantCatalog catalog)
{
    private readonly HostClassifier _classifier = new(ParseServerName(options.Value.ServerName));

    public ServerName ServerName => _classifier.ServerName;

    public SubletRequest Resolve(HttpContext context)
    {
        if (context.Features.Get<SubletRequest>() is { } resolved)
        {
            return resolved;
        }

        // Kestrel keeps the raw Host header; HttpRequest.Host would re-encode IDN and hide bad bytes.
        var (kind, subdomain) = _classifier.Classify(context.Request.Headers.Host.ToString());
        Tenant? tenant = null;
        if (kind == HostKind.Subdomain)
        {
            catalog.TryGetTenant(subdomain, out tenant);
        }

        var request = new SubletRequest(kind, subdomain, tenant);
        context.Features.Set(request);
        context.Features.Set<ITenantFeature>(request);
        return request;
    }

    private static ServerName ParseServerName(string text) =>
        ServerName.TryParse(text, out var serverName)
            ? serverName
            : throw new OptionsValidationException(SubletOptions.SectionName, typeof(SubletOptions), [$"Sublet:ServerName '{text}' is not valid."]);
}

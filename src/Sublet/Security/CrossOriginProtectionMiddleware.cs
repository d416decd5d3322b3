using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sublet.Core;
using Sublet.Hosting;

namespace Sublet.Security;

/// <summary>
/// Refuses state-changing requests a browser sent on behalf of another origin. Every tenant is a subdomain of
/// one site, so SameSite=Lax cookies still ride along on a form that <c>evil.example.com</c> posts to
/// <c>acme.example.com</c>; the browser's own <c>Sec-Fetch-Site</c> and <c>Origin</c> headers say where the
/// request came from. Requests without either header are not from a browser page (curl, server to server)
/// and carry no ambient credentials an attacker could borrow, so they pass. A tenant's own hosts (its subdomain and
/// its active custom domains) are one origin to this check, named by <c>Origin</c>: its page on one may post to
/// another, while every other tenant's host is refused whatever <c>Sec-Fetch-Site</c> says.
/// </summary>
internal sealed class CrossOriginProtectionMiddleware(
    RequestDelegate next, SubletRequestResolver resolver, IProblemDetailsService problemDetails, ILogger<CrossOriginProtectionMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (IsSafe(context.Request.Method) || IsSameOrigin(context.Request) || IsTenantsOwnOrigin(context))
        {
            return next(context);
        }

        var origin = context.Request.Headers.Origin.ToString();
        var fetchSite = context.Request.Headers["Sec-Fetch-Site"].ToString();
        Log.CrossOriginRequestRefused(logger, context.Request.Method, origin, fetchSite);
        return ProblemResponse.WriteAsync(
            problemDetails, context, StatusCodes.Status403Forbidden, "Cross-origin request refused", "This request was sent from another site's page.").AsTask();
    }

    private bool IsTenantsOwnOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin;
        if (origin.Count != 1 || context.GetTenant() is not { } tenant)
        {
            return false;
        }

        var scheme = context.Request.Scheme;
        var prefix = scheme + "://";
        var value = origin.ToString();
        if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Another port is another server, even on one of the tenant's names.
        var authority = WithoutDefaultPort(value[prefix.Length..], scheme);
        return PortOf(authority).SequenceEqual(PortOf(WithoutDefaultPort(context.Request.Headers.Host.ToString(), scheme)))
            && resolver.IsHostOf(tenant, authority);
    }

    private static ReadOnlySpan<char> PortOf(string authority)
    {
        var colon = authority.LastIndexOf(':');
        return colon < 0 ? default : authority.AsSpan(colon + 1);
    }

    internal static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    internal static bool IsSameOrigin(HttpRequest request)
    {
        // Sec-Fetch-Site is set by the browser and cannot be forged by page script; "none" is a user action
        // such as a bookmark. Subdomains of one site are "same-site", which is exactly what must be refused.
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite.Count > 0)
        {
            var value = fetchSite.ToString();
            return string.Equals(value, "same-origin", StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, "none", StringComparison.OrdinalIgnoreCase);
        }

        // Older browsers send Origin without Sec-Fetch-Site.
        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        return origin.Count == 1 && OriginMatches(origin.ToString(), request.Scheme, request.Headers.Host.ToString());
    }

    /// <summary>True when <paramref name="origin"/> is exactly <c>scheme://host[:port]</c> of the request.</summary>
    internal static bool OriginMatches(string origin, string scheme, string host)
    {
        var prefix = scheme + "://";
        if (!origin.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return string.Equals(WithoutDefaultPort(origin[prefix.Length..], scheme), WithoutDefaultPort(host, scheme), StringComparison.OrdinalIgnoreCase);
    }

    // Browsers leave the default port out of Origin; a client may put it in Host.
    private static string WithoutDefaultPort(string host, string scheme)
    {
        var defaultPort = string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? ":443" : ":80";
        return host.EndsWith(defaultPort, StringComparison.Ordinal) ? host[..^defaultPort.Length] : host;
    }
}

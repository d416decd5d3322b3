using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Sublet.Core;

namespace Sublet.Server.Web;

/// <summary>The HTML pages at <c>/</c>: a tenant's page on its subdomain, the welcome page on the central host.</summary>
public static class WebPagesApi
{
    /// <summary>
    /// Scripts, styles and connections only from the page's own origin: no inline script or style, no
    /// <c>eval</c>, no framing. The pages' assets live under <c>/static/</c> on the same host.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>Maps <c>GET /</c> on tenant hosts and on the central host.</summary>
    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetTenantPage).RequireTenant();
        app.MapGet("/", GetCentralPage).RequireCentralHost();
        return app;
    }

    internal static ContentHttpResult GetTenantPage(HttpContext context, Tenant tenant, WebPages pages)
    {
        SetPageHeaders(context.Response);
        return TypedResults.Content(pages.Tenant(tenant.Slug), HtmlContentType);
    }

    internal static ContentHttpResult GetCentralPage(HttpContext context, WebPages pages)
    {
        SetPageHeaders(context.Response);
        return TypedResults.Content(pages.Central(context.Request.Scheme, context.Request.Host.Value ?? string.Empty), HtmlContentType);
    }

    private static void SetPageHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        // The page names its assets by content hash, so it must be revalidated to pick up new ones.
        headers.CacheControl = "no-cache";
    }
}

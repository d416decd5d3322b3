using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sublet.Security;

/// <summary>
/// The security headers every response carries, set in one place just before the response starts:
/// <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: same-origin</c>, <c>Strict-Transport-Security</c>
/// over HTTPS, and <c>Cache-Control: no-store</c> on a response that depends on a session or a token (a signed-in
/// user, an <c>Authorization</c> header, or a cookie being set) and did not choose its own caching.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // No includeSubDomains: the server name's parent domain may hold other sites this server knows nothing of.
    public const string StrictTransportSecurity = "max-age=31536000";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        var personal = context.User.Identity?.IsAuthenticated == true
            || context.Request.Headers.ContainsKey(HeaderNames.Authorization)
            || headers.ContainsKey(HeaderNames.SetCookie);
        if (personal && string.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "no-store";
        }
    }
}

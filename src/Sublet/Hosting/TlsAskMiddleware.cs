using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Hosting;

/// <summary>
/// Answers a TLS proxy's question "may I get a certificate for this name?" (Caddy's <c>on_demand_tls { ask }</c>)
/// at <c>Sublet:Domains:TlsAskPath?domain=</c>, on any host: 200 for an active tenant's subdomain or active custom
/// domain, 404 for anything else, from memory. Without it, anyone pointing a name at the proxy could make it ask a
/// CA for certificates until the CA's rate limits lock the real tenants out. It says no more than requesting the
/// name itself would, so it needs no credentials.
/// </summary>
internal sealed class TlsAskMiddleware(RequestDelegate next, SubletRequestResolver resolver, IOptions<DomainOptions> options)
{
    private readonly PathString _path = options.Value.TlsAskPath;

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.Equals(_path, StringComparison.Ordinal) || !HttpMethods.IsGet(context.Request.Method))
        {
            return next(context);
        }

        context.Response.StatusCode = resolver.MayHaveCertificate(context.Request.Query["domain"].ToString())
            ? StatusCodes.Status200OK
            : StatusCodes.Status404NotFound;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}

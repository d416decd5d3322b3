using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sublet.Hosting;
using Sublet.Reliability;
using Sublet.Security;
using Sublet.Core;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds Sublet's host handling to the request pipeline.</summary>
public static class SubletApplicationBuilderExtensions
{
    // The keys ASP.NET Core's UseRouting and WebApplication keep in the builder's properties.
    private const string RoutingAddedKey = "__EndpointRouteBuilder";
    private const string WebApplicationKey = "__GlobalEndpointRouteBuilder";

    /// <summary>
    /// Adds Sublet's request edge: forwarded headers from trusted proxies, <c>/healthz</c> and <c>/readyz</c>, host (subdomain
    /// or custom domain) to tenant (400 / 404 / 403 as problem details), the per-tenant limit, the cross-origin check and the security
    /// headers, with the TLS proxy's certificate question answered before the host check; then, in a <see cref="WebApplication"/>, routing, so that endpoints are matched on the forwarded host
    /// whether or not the app calls <c>UseRouting()</c> after it. Place it before static files, authentication and
    /// endpoints; docs/architecture.md gives the order and why.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>UseRouting()</c> was called before <c>UseSublet()</c>.</exception>
    public static IApplicationBuilder UseSublet(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Properties.ContainsKey(RoutingAddedKey))
        {
            throw new InvalidOperationException(
                "UseRouting() is called before UseSublet(): endpoints would be matched on the raw Host header, before forwarded headers and the tenant are known. Call UseSublet() first; it adds routing itself.");
        }

        var settings = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        if (TrustedProxies.Options(settings) is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }

        app.UseMiddleware<SecurityHeadersMiddleware>()
            .UseSubletHealthChecks()
            .UseMiddleware<DatabaseUnavailableMiddleware>()
            .UseMiddleware<TlsAskMiddleware>()
            .UseMiddleware<SubletHostMiddleware>()
            .UseMiddleware<TenantMovedMiddleware>()
            .UseMiddleware<TenantConcurrencyMiddleware>()
            .UseMiddleware<CrossOriginProtectionMiddleware>();

        // A WebApplication without UseRouting() would route first of all, on the raw Host. Routing here instead stops
        // that; a later UseRouting() then finds the endpoint already matched and does nothing.
        return app.Properties.ContainsKey(WebApplicationKey) ? app.UseRouting() : app;
    }
}

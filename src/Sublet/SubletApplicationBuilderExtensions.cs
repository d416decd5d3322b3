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
    /// <summary>
    /// Adds Sublet's request edge: forwarded headers from trusted proxies, <c>/healthz</c> and <c>/readyz</c>, the TLS proxy's
    /// certificate question, host (subdomain or custom domain) to tenant (400 / 404 / 403 as problem details), the per-tenant limit, the cross-origin check and the security
    /// headers. Place it before static files, authentication and endpoints; docs/architecture.md gives the order and
    /// why.
    /// </summary>
    public static IApplicationBuilder UseSublet(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.ApplicationServices.GetRequiredService<IOptions<SubletOptions>>().Value.ForwardedHeaders;
        if (TrustedProxies.Options(settings) is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }

        return app.UseMiddleware<SecurityHeadersMiddleware>()
            .UseSubletHealthChecks()
            .UseMiddleware<DatabaseUnavailableMiddleware>()
            .UseMiddleware<TlsAskMiddleware>()
            .UseMiddleware<SubletHostMiddleware>()
            .UseMiddleware<TenantMovedMiddleware>()
            .UseMiddleware<TenantConcurrencyMiddleware>()
            .UseMiddleware<CrossOriginProtectionMiddleware>();
    }
}

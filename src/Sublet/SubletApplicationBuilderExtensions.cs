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
    /// First, when <c>Sublet:ForwardedHeaders</c> lists trusted proxies, takes the client's host, scheme and address
    /// from their <c>X-Forwarded-Host</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c>, so that the tenant,
    /// cookies and login limits follow the client, not the proxy; from any other address those headers are ignored.
    /// Answers <c>/healthz</c> (the process is up; no database) and <c>/readyz</c> (the catalog is loaded, the
    /// database answers, and the app's own health checks pass; 503 otherwise) on any host, so probes need no
    /// tenant name. Answers 503 problem details with <c>Retry-After</c> when the database is unreachable or its
    /// pool has no free connection in time. Resolves each request's host: malformed → 400, outside the server
    /// name or an unknown tenant → 404, suspended tenant → 403, all as problem details; otherwise the tenant is
    /// available to what follows. A request that fails because its tenant moved to another shard mid-request
    /// gets 503 with <c>Retry-After</c>. A tenant has at most <c>Sublet:Limits:ConcurrentRequestsPerTenant</c> requests
    /// in progress; beyond a short queue, 503. Then refuses (403) POST, PUT, PATCH and DELETE requests whose
    /// <c>Sec-Fetch-Site</c> or <c>Origin</c> shows that another origin's page sent them, sibling tenants
    /// included. Every response carries the security headers of <see cref="SecurityHeadersMiddleware"/>
    /// (<c>nosniff</c>, <c>Referrer-Policy</c>, HSTS over HTTPS, <c>no-store</c> when it depends on a session or
    /// token). Place it before static files, authentication and endpoints.
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
            .UseMiddleware<SubletHostMiddleware>()
            .UseMiddleware<TenantMovedMiddleware>()
            .UseMiddleware<TenantConcurrencyMiddleware>()
            .UseMiddleware<CrossOriginProtectionMiddleware>();
    }
}

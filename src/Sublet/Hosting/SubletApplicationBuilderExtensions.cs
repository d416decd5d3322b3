using Sublet.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds Sublet's host handling to the request pipeline.</summary>
public static class SubletApplicationBuilderExtensions
{
    /// <summary>
    /// Resolves each request's host: malformed → 400, outside the server name or an unknown tenant → 404,
    /// suspended tenant → 403, all as problem details; otherwise the tenant is available to what follows.
    /// Place it before static files, authentication and endpoints.
    /// </summary>
    public static IApplicationBuilder UseSublet(this IApplicationBuilder app) => app.UseMiddleware<SubletHostMiddleware>();
}

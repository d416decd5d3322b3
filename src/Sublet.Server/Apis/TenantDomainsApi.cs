using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sublet.Core;
using Sublet.Domains;
using Sublet.Server.Admin;

namespace Sublet.Server.Apis;

/// <summary>
/// The admin API for custom domains on the central host, <c>/api/tenants/{slug}/domains</c>: the operator's
/// domains are trusted, active at once.
/// </summary>
public static class TenantDomainsApi
{
    /// <summary>Maps the endpoints beside the tenants API, unless no admin token is configured.</summary>
    public static IEndpointRouteBuilder MapTenantDomainsApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<AdminApiOptions>>().Value.Enabled)
        {
            return app;
        }

        var domains = app.MapGroup("/api/tenants/{slug}/domains")
            .RequireCentralHost()
            .RequireAuthorization(AdminTokenAuthentication.Policy);
        domains.MapGet("/", ListAsync);
        domains.MapPost("/", AddAsync);
        domains.MapDelete("/{domain}", RemoveAsync);
        domains.MapPost("/{domain}/primary", SetPrimaryAsync);
        return app;
    }

    internal static Task<Results<Ok<IReadOnlyList<TenantDomain>>, ProblemHttpResult>> ListAsync(string slug, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () => TypedResults.Ok(await domains.ListAsync(slug, cancellationToken)));

    internal static Task<Results<Created<TenantDomain>, ProblemHttpResult>> AddAsync(string slug, NewDomain body, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () =>
        {
            var added = await domains.AddAsync(slug, body.Domain ?? string.Empty, body.Primary, cancellationToken);
            return TypedResults.Created($"/api/tenants/{slug}/domains/{added.Domain}", added);
        });

    internal static Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string slug, string domain, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () =>
        {
            await domains.RemoveAsync(slug, domain, cancellationToken);
            return TypedResults.NoContent();
        });

    internal static Task<Results<Ok<TenantDomain>, ProblemHttpResult>> SetPrimaryAsync(string slug, string domain, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () => TypedResults.Ok(await domains.SetPrimaryAsync(slug, domain, cancellationToken)));
}

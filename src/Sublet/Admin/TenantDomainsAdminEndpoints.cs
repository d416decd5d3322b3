using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Sublet.Core;
using Sublet.Domains;

namespace Sublet.Admin;

/// <summary>
/// The admin API for custom domains on the central host, <c>/api/tenants/{slug}/domains</c>: the operator's
/// domains are trusted, active at once.
/// </summary>
internal static class TenantDomainsAdminEndpoints
{
    public static Task<Results<Ok<IReadOnlyList<TenantDomain>>, ProblemHttpResult>> ListAsync(string slug, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () => TypedResults.Ok(await domains.ListAsync(slug, cancellationToken)));

    public static Task<Results<Created<TenantDomain>, ProblemHttpResult>> AddAsync(string slug, NewDomain body, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () =>
        {
            var added = await domains.AddAsync(slug, body.Domain ?? string.Empty, body.Primary, cancellationToken);
            return TypedResults.Created($"/api/tenants/{slug}/domains/{added.Domain}", added);
        });

    public static Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string slug, string domain, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () =>
        {
            await domains.RemoveAsync(slug, domain, cancellationToken);
            return TypedResults.NoContent();
        });

    public static Task<Results<Ok<TenantDomain>, ProblemHttpResult>> SetPrimaryAsync(string slug, string domain, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () => TypedResults.Ok(await domains.SetPrimaryAsync(slug, domain, cancellationToken)));
}

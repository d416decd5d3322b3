using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Sublet.Core;
using Sublet.Domains;

namespace Sublet.Admin;

/// <summary>
/// A tenant's own custom domains, on its host, for its signed-in users: <c>/api/domains</c>. A domain claimed here
/// stays pending until the TXT record <c>_sublet.&lt;domain&gt;</c> holds its token; then it routes to the tenant.
/// </summary>
internal static class TenantOwnDomainsEndpoints
{
    public static Task<Results<Ok<IReadOnlyList<TenantDomain>>, ProblemHttpResult>> ListAsync(Tenant tenant, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () => TypedResults.Ok(await domains.ListAsync(tenant.Slug, cancellationToken)));

    public static Task<Results<Created<TenantDomain>, ProblemHttpResult>> ClaimAsync(Tenant tenant, NewDomain body, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () =>
        {
            var claimed = await domains.ClaimAsync(tenant.Slug, body.Domain ?? string.Empty, cancellationToken);
            return TypedResults.Created($"/api/domains/{claimed.Domain}", claimed);
        });

    public static Task<Results<Ok<TenantDomain>, ProblemHttpResult>> VerifyAsync(Tenant tenant, string domain, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () => TypedResults.Ok(await domains.VerifyAsync(tenant.Slug, domain, cancellationToken)));

    public static Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Tenant tenant, string domain, ITenantDomains domains, CancellationToken cancellationToken) =>
        DomainProblem.OrProblemAsync(async () =>
        {
            await domains.RemoveAsync(tenant.Slug, domain, cancellationToken);
            return TypedResults.NoContent();
        });
}

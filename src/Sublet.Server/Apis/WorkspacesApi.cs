using Microsoft.AspNetCore.Http.HttpResults;
using Sublet.Tenancy;
using Sublet.Core;
using Sublet.Domains;

namespace Sublet.Server.Apis;

/// <summary>The central page's look-up: <c>GET /api/workspaces/{slug}</c> says whether a workspace exists, and its primary custom domain.</summary>
public static class WorkspacesApi
{
    /// <summary>Maps the endpoints on the central host.</summary>
    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workspaces/{slug}", GetWorkspace).RequireCentralHost();
        return app;
    }

    internal static Results<Ok<Workspace>, ProblemHttpResult> GetWorkspace(string slug, ITenantCatalog catalog, ITenantDomains domains)
    {
        if (!TenantSlug.TryParse(slug, out var parsed))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Not a workspace address",
                detail: $"Use {TenantSlug.Rule}.");
        }

        // Only whether it exists: nothing about the tenant's schema or status leaves the server.
        return catalog.TryGetTenant(parsed.Value, out var tenant)
            ? TypedResults.Ok(new Workspace(tenant.Slug, domains.PrimaryDomainOf(tenant.Slug)))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace");
    }
}

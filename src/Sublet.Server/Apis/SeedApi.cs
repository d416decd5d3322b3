using Microsoft.AspNetCore.Http.HttpResults;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Server.Apis;

/// <summary>The seed app's tenant endpoints: <c>POST /login</c>, <c>POST /logout</c>, <c>GET /data</c>.</summary>
public static class SeedApi
{
    /// <summary>Maps the endpoints on every tenant's subdomain.</summary>
    public static IEndpointRouteBuilder MapSeedApi(this IEndpointRouteBuilder app)
    {
        // Login and logout are the library's: the seed's form fields and replies are its defaults.
        app.MapSubletLogin();
        app.MapGet("/data", GetDataAsync).RequireTenant().RequireAuthorization();
        return app;
    }

    internal static async Task<FileContentHttpResult> GetDataAsync(Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken)
    {
        await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT * FROM company_data", cancellationToken: cancellationToken);
        var body = await RowsJson.WriteAsync(reader, "data", cancellationToken);
        return TypedResults.Bytes(body, "application/json");
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sublet.Data;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Integration;

/// <summary>
/// The server with a test endpoint, <c>GET /whoami</c>, that answers <c>tenant:&lt;slug&gt; schema:&lt;schema&gt;</c>: the
/// tenant the host resolved to and the schema its connection really selected, one database round trip.
/// </summary>
public sealed class EchoTenantServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override void Configure(WebApplication app) =>
        app.MapGet("/whoami", async (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT current_schema()", cancellationToken: cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return Results.Text($"tenant:{tenant.Slug} schema:{reader.GetString(0)}");
        }).RequireTenant();
}

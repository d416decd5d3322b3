using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sublet.Data;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Integration;

/// <summary>
/// The server with one pooled connection: every request reuses the connection the last one used. It has a test
/// endpoints: <c>GET /fail</c> reads the tenant's rows and then fails inside the tenant's transaction;
/// <c>GET /probe</c> takes the tenant pool's connection as a plain one, without the lease's reset, and reports its
/// <c>search_path</c>, which must be the server's default whatever the requests before it did.
/// </summary>
public sealed class TinyPoolServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override string ConnectionOptions => ";Maximum Pool Size=1;Timeout=30";

    // The failures are on purpose; hundreds of logged stack traces would only bury real ones. Hundreds of
    // requests at once per tenant: all of them queue for the one connection, none is turned away.
    protected override IEnumerable<string> Settings =>
        ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics=None", "Sublet:Limits:QueuedRequestsPerTenant=1000"];

    protected override void Configure(WebApplication app)
    {
        app.MapGet("/probe", async (Tenant tenant, CancellationToken cancellationToken) =>
        {
            await using var command = TenantPool(tenant.Slug).CreateCommand("SHOW search_path");
            return Results.Text((string?)await command.ExecuteScalarAsync(cancellationToken));
        }).RequireTenant();
        app.MapGet("/fail", async (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var connection = await database.OpenAsync(tenant, cancellationToken);
            await using var command = connection.CreateCommand("SELECT count(*) FROM company_data; SELECT 1 / 0");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }).RequireTenant();
    }
}

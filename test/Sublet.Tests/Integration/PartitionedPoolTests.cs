using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Data;
using Sublet.Tenancy;

using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// With the tenant connections in partitions, a tenant's queries must still run in its own schema, on its own
/// partition's connection, and leave nothing behind for the next request there.
/// </summary>
public sealed class PartitionedPoolTests(PartitionedPoolServerFixture server) : IClassFixture<PartitionedPoolServerFixture>
{
    [Fact]
    public async Task Concurrent_requests_see_only_their_own_tenants_rows()
    {
        using var tenants = await AlternatingTenants.LogInAsync(server);

        await tenants.AssertEachSeesOnlyItsOwnRowsAsync();
    }

    [Fact]
    public async Task A_tenant_uses_its_partitions_one_connection_and_leaves_no_schema_on_it()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var tenant = server.Services.GetRequiredService<ITenantCatalog>().TryGetTenant("company2", out var found) ? found : throw new InvalidOperationException();
        var database = server.Services.GetRequiredService<ITenantDatabase>();
        int backend;
        await using (var reader = await database.ExecuteReaderAsync(tenant, "SELECT pg_backend_pid(), current_setting('search_path')", cancellationToken: cancellationToken))
        {
            Assert.True(await reader.ReadAsync(cancellationToken));
            backend = reader.GetInt32(0);
            Assert.Equal("\"company2\"", reader.GetString(1));
        }

        // The partition's only connection, taken as a plain one: same backend, the server's default search_path.
        await using var plain = await server.Services.GetRequiredService<ShardDataSources>().ForTenant(tenant).For(tenant).OpenConnectionAsync(cancellationToken);
        await using var after = new NpgsqlCommand("SELECT pg_backend_pid(), current_setting('search_path')", plain);
        await using var check = await after.ExecuteReaderAsync(cancellationToken);
        Assert.True(await check.ReadAsync(cancellationToken));
        Assert.Equal(backend, check.GetInt32(0));
        Assert.Equal("\"$user\", public", check.GetString(1));
    }
}

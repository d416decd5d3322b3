using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Data;
using Sublet.Sharding;
using Sublet.Tenancy;

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
        using var company1 = server.Client("company1.localhost");
        using var company2 = server.Client("company2.localhost");
        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company2.LoginAsync("user_2")).StatusCode);

        var requests = Enumerable.Range(0, 400).Select(async i =>
        {
            var (client, own, other) = i % 2 == 0 ? (company1, "company 1 data", "company 2") : (company2, "company 2 data", "company 1");
            var response = await client.GetAsync("/data");
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(own, body, StringComparison.Ordinal);
            Assert.DoesNotContain(other, body, StringComparison.Ordinal);
        });
        await Task.WhenAll(requests);
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
        await using var plain = await server.Services.GetRequiredService<ShardDataSources>().ForTenant(tenant).OpenConnectionAsync(cancellationToken);
        await using var after = new NpgsqlCommand("SELECT pg_backend_pid(), current_setting('search_path')", plain);
        await using var check = await after.ExecuteReaderAsync(cancellationToken);
        Assert.True(await check.ReadAsync(cancellationToken));
        Assert.Equal(backend, check.GetInt32(0));
        Assert.Equal("\"$user\", public", check.GetString(1));
    }
}

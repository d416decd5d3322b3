using Npgsql;
using Sublet.Data;
using Sublet.Tenancy;
using Microsoft.Extensions.DependencyInjection;

using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// With a pool of one connection, every request inherits the connection of a request for another tenant: if
/// the schema selection outlived its request, responses would carry the wrong tenant's rows.
/// </summary>
public sealed class PooledConnectionIsolationTests(TinyPoolServerFixture server) : IClassFixture<TinyPoolServerFixture>
{
    [Fact]
    public async Task Alternating_concurrent_requests_see_only_their_own_tenants_rows()
    {
        using var tenants = await AlternatingTenants.LogInAsync(server);

        // Failing requests in between (unknown table in one tenant's transaction) must not poison the connection.
        await using (var broken = await server.Services.GetRequiredService<ITenantDatabase>().OpenAsync(Catalog("company1"), TestContext.Current.CancellationToken))
        {
            await using var command = broken.CreateCommand("SELECT * FROM no_such_table");
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        await tenants.AssertEachSeesOnlyItsOwnRowsAsync();
    }

    [Fact]
    public async Task The_schema_selection_ends_with_the_tenant_connection()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = server.Services.GetRequiredService<ITenantDatabase>();
        await using (var scoped = await database.OpenAsync(Catalog("company2"), cancellationToken))
        {
            await using var show = scoped.CreateCommand("SHOW search_path");
            Assert.Equal("\"company2\"", await show.ExecuteScalarAsync(cancellationToken));
        }

        // Same physical connection (pool of one), next user: back to the server default.
        await using var plain = await server.DataSource.OpenConnectionAsync(cancellationToken);
        await using var after = new NpgsqlCommand("SHOW search_path", plain);
        Assert.Equal("\"$user\", public", await after.ExecuteScalarAsync(cancellationToken));
    }

    [Fact]
    public async Task The_one_round_trip_query_leaves_no_schema_behind_even_when_it_fails()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = server.Services.GetRequiredService<ITenantDatabase>();
        await using (var reader = await database.ExecuteReaderAsync(Catalog("company2"), "SHOW search_path", cancellationToken: cancellationToken))
        {
            Assert.True(await reader.ReadAsync(cancellationToken));
            Assert.Equal("\"company2\"", reader.GetString(0));
        }

        await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var failing = await database.ExecuteReaderAsync(Catalog("company1"), "SELECT * FROM no_such_table", cancellationToken: cancellationToken);
        });

        await using var plain = await server.DataSource.OpenConnectionAsync(cancellationToken);
        await using var after = new NpgsqlCommand("SHOW search_path", plain);
        Assert.Equal("\"$user\", public", await after.ExecuteScalarAsync(cancellationToken));
    }

    private Tenant Catalog(string slug) =>
        server.Services.GetRequiredService<ITenantCatalog>().TryGetTenant(slug, out var tenant) ? tenant : throw new InvalidOperationException(slug);
}

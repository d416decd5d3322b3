using Npgsql;
using Sublet.Data;
using Sublet.Tenancy;
using Microsoft.Extensions.DependencyInjection;

using Sublet.Tests.Infrastructure;
using Sublet.Core;

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
        await using var plain = await server.TenantPool("company2").OpenConnectionAsync(cancellationToken);
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

        await using var plain = await server.TenantPool("company1").OpenConnectionAsync(cancellationToken);
        await using var after = new NpgsqlCommand("SHOW search_path", plain);
        Assert.Equal("\"$user\", public", await after.ExecuteScalarAsync(cancellationToken));
    }

    [Fact]
    public async Task Session_state_one_tenant_leaves_on_the_connection_never_reaches_the_next()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = server.Services.GetRequiredService<ITenantDatabase>();

        // Both ways in: the one-round-trip query, and a tenant connection.
        var leftBy = await LeaveSessionStateAsync(database);
        SessionState viaQuery;
        await using (var reader = await database.ExecuteReaderAsync(Catalog("company2"), StateSql, cancellationToken: cancellationToken))
        {
            viaQuery = await SessionState.ReadAsync(reader);
        }

        Assert.Equal(new SessionState("company 2 data", "0", 0, 0, 0, leftBy), viaQuery);

        leftBy = await LeaveSessionStateAsync(database);
        await using var connection = await database.OpenAsync(Catalog("company2"), cancellationToken);
        await using var command = connection.CreateCommand(StateSql);
        await using var viaConnection = await command.ExecuteReaderAsync(cancellationToken);
        Assert.Equal(new SessionState("company 2 data", "0", 0, 0, 0, leftBy), await SessionState.ReadAsync(viaConnection));
    }

    // What company2 sees: its rows (not a temporary table of the same name), and no setting, cursor, advisory lock
    // or listen left by company1; and the backend, to show it is the one company1 used (the pool holds one).
    private const string StateSql = """
        SELECT (SELECT description FROM company_data ORDER BY id LIMIT 1),
               current_setting('statement_timeout'),
               (SELECT count(*) FROM pg_cursors WHERE name = 'left_behind'),
               (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()),
               (SELECT count(*) FROM pg_listening_channels()),
               pg_backend_pid()
        """;

    /// <summary>company1's code leaves session state on its connection and commits; returns the backend it used.</summary>
    private async Task<int> LeaveSessionStateAsync(ITenantDatabase database)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var company1 = await database.OpenAsync(Catalog("company1"), cancellationToken);
        await using var leave = company1.CreateCommand("""
            SELECT pg_backend_pid();
            CREATE TEMP TABLE company_data AS SELECT 1 AS id, 'left by company1'::text AS description;
            SET SESSION statement_timeout = '4321s';
            DECLARE left_behind CURSOR WITH HOLD FOR SELECT 1;
            SELECT pg_advisory_lock(4242)::text;
            LISTEN left_behind;
            """);
        var backend = (int)(await leave.ExecuteScalarAsync(cancellationToken) ?? 0);
        await company1.CommitAsync(cancellationToken);
        return backend;
    }

    private sealed record SessionState(string FirstRow, string StatementTimeout, long Cursors, long AdvisoryLocks, long Listens, int Backend)
    {
        public static async Task<SessionState> ReadAsync(NpgsqlDataReader reader)
        {
            Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
            return new SessionState(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt32(5));
        }
    }

    private Tenant Catalog(string slug) =>
        server.Services.GetRequiredService<ITenantCatalog>().TryGetTenant(slug, out var tenant) ? tenant : throw new InvalidOperationException(slug);
}

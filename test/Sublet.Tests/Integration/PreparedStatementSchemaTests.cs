using Npgsql;

using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// A prepared statement names its table before any tenant is chosen: PostgreSQL must look the name up again
/// under the current <c>search_path</c>, or a statement prepared for one tenant would read another's rows.
/// </summary>
public sealed class PreparedStatementSchemaTests(AutoPrepareServerFixture server) : IClassFixture<AutoPrepareServerFixture>
{
    [Fact]
    public async Task A_statement_prepared_in_one_tenants_schema_reads_the_next_tenants_rows_after_the_switch()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var query = new NpgsqlCommand("SELECT string_agg(description, ',') FROM company_data", connection);

        await SelectSchemaAsync(connection, "company1", cancellationToken);
        await query.PrepareAsync(cancellationToken);
        Assert.True(query.IsPrepared);
        Assert.Equal("company 1 data", await query.ExecuteScalarAsync(cancellationToken));

        // Same server-side prepared statement, other schema: the plan must follow the search_path.
        await SelectSchemaAsync(connection, "company2", cancellationToken);
        Assert.True(query.IsPrepared);
        Assert.Equal("company 2 data", await query.ExecuteScalarAsync(cancellationToken));

        await SelectSchemaAsync(connection, "company1", cancellationToken);
        Assert.Equal("company 1 data", await query.ExecuteScalarAsync(cancellationToken));
    }

    [Fact]
    public async Task Alternating_requests_on_one_auto_preparing_connection_see_only_their_own_tenants_rows()
    {
        using var tenants = await AlternatingTenants.LogInAsync(server);

        await tenants.AssertEachSeesOnlyItsOwnRowsAsync();
    }

    private static async Task SelectSchemaAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT set_config('search_path', $1, false)", connection);
        select.Parameters.Add(new NpgsqlParameter { Value = schema });
        await select.ExecuteNonQueryAsync(cancellationToken);
    }
}

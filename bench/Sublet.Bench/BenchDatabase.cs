using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sublet.Embedded;
using Sublet.Migrations;
using Sublet.Passwords;

namespace Sublet.Bench;

/// <summary>
/// A database of N tenants <c>t1..tN</c>, each with the seed's tables, three rows (<c>tenant i row k</c>) and
/// one user <c>user</c> / <c>bench</c>. Made with batched SQL in chunks, which is quicker than provisioning
/// one by one and keeps catalog locks per transaction bounded.
/// </summary>
internal static class BenchDatabase
{
    public const string Password = "bench";

    // Tenants t1 and t2 carry a full-strength hash for the login benchmark; the rest a cheap one, so that
    // logging in once to each of 10,000 tenants takes seconds.
    public const int StrongRounds = 600_000;
    public const int CheapRounds = 1_000;

    public static async Task<string> CreateAsync(EmbeddedPostgres cluster, int tenants, CancellationToken cancellationToken)
    {
        var name = NewName(tenants);
        await using (var admin = NpgsqlDataSource.Create(cluster.ConnectionStringFor("postgres")))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = cluster.ConnectionStringFor(name);
        await PopulateAsync(connectionString, tenants, cancellationToken);
        return connectionString;
    }

    /// <summary>The same on a Citus cluster: a database on every node, the tenants made through the coordinator as distributed schemas.</summary>
    public static async Task<string> CreateAsync(EmbeddedCitusCluster citus, int tenants, CancellationToken cancellationToken)
    {
        var connectionString = await citus.CreateDatabaseAsync(NewName(tenants), cancellationToken);
        await PopulateAsync(connectionString, tenants, cancellationToken);

        // Tables left on the coordinator would measure plain PostgreSQL under another name.
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var count = dataSource.CreateCommand(
            "SELECT count(*) FROM pg_catalog.pg_dist_partition p JOIN pg_catalog.pg_dist_schema s ON s.colocationid = p.colocationid");
        var distributed = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        return distributed == 2L * tenants
            ? connectionString
            : throw new InvalidOperationException($"Citus distributed {distributed} of the {2 * tenants} tenant tables.");
    }

    private static string NewName(int tenants) => $"bench_{tenants}_{Environment.TickCount64}";

    private static async Task PopulateAsync(string connectionString, int tenants, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new CentralMigrator(dataSource, NullLogger<CentralMigrator>.Instance).ApplyAsync(cancellationToken);

        var strong = Hash(StrongRounds);
        var cheap = Hash(CheapRounds);
        const int chunk = 50;
        for (var first = 1; first <= tenants; first += chunk)
        {
            // Plain statements, one implicit transaction per chunk: Citus distributes a table created by a
            // statement of its own, not one created inside a DO block or function.
            var sql = new StringBuilder();
            for (var i = first; i <= Math.Min(tenants, first + chunk - 1); i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"""
                    CREATE SCHEMA t{i};
                    CREATE TABLE t{i}.app_user (id serial PRIMARY KEY, username text UNIQUE NOT NULL, password text NOT NULL);
                    CREATE TABLE t{i}.company_data (id serial PRIMARY KEY, description text NOT NULL);
                    INSERT INTO t{i}.app_user (username, password) VALUES ('user', '{(i <= 2 ? strong : cheap)}');
                    INSERT INTO t{i}.company_data (description) SELECT 'tenant {i} row ' || k FROM generate_series(1, 3) k;
                    INSERT INTO sublet.tenant (slug, schema_name, migration_version) VALUES ('t{i}', 't{i}', 1);

                    """);
            }

            await using var command = dataSource.CreateCommand(sql.ToString());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Hash(int rounds) =>
        new Pbkdf2PasswordHasher(Microsoft.Extensions.Options.Options.Create(new Sublet.Core.PasswordOptions { Iterations = rounds })).Hash(Password);
}

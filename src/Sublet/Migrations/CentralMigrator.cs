using Microsoft.Extensions.Logging;
using Npgsql;

namespace Sublet.Migrations;

/// <summary>Applies Sublet's own migrations to the central <c>sublet</c> schema, one migrator at a time.</summary>
internal sealed class CentralMigrator(NpgsqlDataSource dataSource, ILogger<CentralMigrator> logger)
{
    public const string Schema = "sublet";

    // pg_advisory_lock key shared by every Sublet migrator on a database: "Sublet" in ASCII.
    public const long AdvisoryLockKey = 0x5375626C6574;

    private static readonly MigrationSet Set = new(MigrationSet.ReadEmbedded(typeof(CentralMigrator).Assembly, "central"));

    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        bool hasHistory;
        await using (var setup = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var probe = new NpgsqlCommand($"SELECT to_regclass('{Schema}.{MigrationHistory.TableName}') IS NOT NULL", connection))
        {
            hasHistory = (bool)(await probe.ExecuteScalarAsync(cancellationToken))!;
        }

        try
        {
            // Up to date means no DDL at all: a server may run as a role that cannot create anything.
            var applied = hasHistory ? await MigrationHistory.ReadAsync(connection, null, Schema, cancellationToken) : new Dictionary<int, AppliedMigration>();
            var pending = MigrationHistory.Pending(Set, applied, Schema);
            if (!hasHistory)
            {
                // On a Citus coordinator that distributes new schemas, the catalog must stay a plain local schema.
                // One batch is one implicit transaction, which the transaction-local setting lasts for.
                await using var create = new NpgsqlCommand(
                    $"""
                    SELECT set_config('citus.enable_schema_based_sharding', 'off', true) WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus');
                    CREATE SCHEMA IF NOT EXISTS {Schema};
                    """,
                    connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                await MigrationHistory.EnsureTableAsync(connection, null, Schema, cancellationToken);
            }

            foreach (var migration in pending)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await MigrationHistory.ApplyAsync(connection, transaction, Schema, migration, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            Log.CentralMigrationsApplied(logger, pending.Count);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}

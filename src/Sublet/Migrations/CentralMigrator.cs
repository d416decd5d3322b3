using Microsoft.Extensions.Logging;
using Npgsql;
using Sublet.Hosting;

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
        await using (var setup = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey}); CREATE SCHEMA IF NOT EXISTS {Schema}", connection))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await MigrationHistory.EnsureTableAsync(connection, null, Schema, cancellationToken);
            var applied = await MigrationHistory.ReadAsync(connection, null, Schema, cancellationToken);
            var pending = MigrationHistory.Pending(Set, applied, Schema);
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

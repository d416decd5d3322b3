using Microsoft.Extensions.Logging;
using Npgsql;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Migrations;

internal sealed class TenantMigrator(
    ShardDataSources shards,
    TenantMigrations migrations,
    ILogger<TenantMigrator> logger) : ITenantMigrator
{
    public async Task<TenantMigrationReport> MigrateAsync(
        TenantMigrationRequest request,
        IProgress<TenantMigrationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Parallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Parallelism, "Parallelism must be at least 1.");
        }

        var set = migrations.Set;
        await using var lockConnection = await shards.Central.OpenConnectionAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand($"SELECT pg_try_advisory_lock({CentralMigrator.AdvisoryLockKey})", lockConnection))
        {
            if (await acquire.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw new MigrationException("Another migrator holds the migration lock on this database: try again when it has finished.");
            }
        }

        try
        {
            var (total, pending) = await CatalogStore.ReadBehindAsync(lockConnection, set.LatestVersion, request.Slug, cancellationToken);
            if (request.Slug is not null && total == 0)
            {
                throw new MigrationException(TenantProvisioningException.NoTenantMessage(request.Slug));
            }

            progress?.Report(new TenantMigrationProgress(pending.Count, 0, null));
            var results = new TenantMigrationResult[pending.Count];
            var completed = 0;
            await Parallel.ForEachAsync(
                Enumerable.Range(0, pending.Count),
                new ParallelOptions { MaxDegreeOfParallelism = request.Parallelism, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var (slug, schema, shard) = pending[index];
                    var result = await MigrateTenantAsync(slug, schema, shard, set, request.DryRun, token);
                    results[index] = result;
                    progress?.Report(new TenantMigrationProgress(pending.Count, Interlocked.Increment(ref completed), result));
                });

            var report = new TenantMigrationReport(set.LatestVersion, (int)total - pending.Count, results, request.DryRun);
            Log.TenantMigrationsFinished(logger, results.Length - report.Failures.Count, report.Failures.Count, report.UpToDate);
            return report;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({CentralMigrator.AdvisoryLockKey})", lockConnection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<TenantMigrationResult> MigrateTenantAsync(string slug, string schema, string shard, MigrationSet set, bool dryRun, CancellationToken cancellationToken)
    {
        using var scope = Core.Log.BeginTenantScope(logger, slug);
        var applied = new List<string>();
        Migration? current = null;
        try
        {
            var quotedSchema = SqlIdentifier.Quote(schema);
            var onCentral = shard == ShardNames.Default;
            await using var connection = await shards.For(shard).OpenConnectionAsync(cancellationToken);
            if (dryRun)
            {
                var history = await ReadHistoryIfAnyAsync(connection, schema, quotedSchema, cancellationToken);
                return new TenantMigrationResult(slug, [.. MigrationHistory.Pending(set, history, schema).Select(migration => migration.Name)], null);
            }

            var pending = MigrationHistory.Pending(set, await MigrationHistory.EnsureAndReadAsync(connection, quotedSchema, cancellationToken), schema);
            foreach (var migration in pending)
            {
                current = migration;
                await ApplyAsync(connection, quotedSchema, migration, recordInCatalog: onCentral, cancellationToken);
                applied.Add(migration.Name);
            }

            if (pending.Count == 0 || !onCentral)
            {
                // The history was ahead of the catalog (e.g. a run interrupted between commit and report), or lives
                // on another server than the catalog: the schema's history is the truth, the catalog follows it.
                await using var central = await shards.Central.OpenConnectionAsync(cancellationToken);
                await CatalogStore.RaiseMigrationVersionAsync(central, null, slug, set.LatestVersion, cancellationToken);
            }

            return new TenantMigrationResult(slug, applied, null);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever stops one tenant is that tenant's failure: the run goes on with the others and reports it.
            var error = exception is PostgresException postgres ? postgres.MessageText : exception.Message;
            Log.TenantMigrationFailed(logger, slug, error);
            return new TenantMigrationResult(slug, applied, current is null ? error : $"{current.Name}: {error}");
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, string quotedSchema, Migration migration, bool recordInCatalog, CancellationToken cancellationToken)
    {
        var catalogUpdate = recordInCatalog ? CatalogStore.RaiseMigrationVersionOfCurrentSchemaSql(migration.Version) : string.Empty;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One round trip: search_path is transaction-local, so the script's unqualified names land in the tenant's
        // schema only, and current_schema() names the catalog row without putting a value into the SQL text.
        await using (var script = new NpgsqlCommand(
            $"""
            SET LOCAL search_path TO {quotedSchema};
            {catalogUpdate}
            {MigrationHistory.ApplySql(quotedSchema, migration)}
            """,
            connection,
            transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, AppliedMigration>> ReadHistoryIfAnyAsync(NpgsqlConnection connection, string schema, string quotedSchema, CancellationToken cancellationToken)
    {
        return await MigrationHistory.ExistsAsync(connection, null, schema, cancellationToken)
            ? await MigrationHistory.ReadAsync(connection, null, quotedSchema, cancellationToken)
            : [];
    }
}

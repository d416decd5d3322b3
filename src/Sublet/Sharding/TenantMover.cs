using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Citus;
using Sublet.Tenancy;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Sharding;

internal sealed class TenantMover(
    ShardDataSources shards,
    ITenantCatalog catalog,
    SchemaDefinitionCopier copier,
    CitusMode citus,
    IOptions<TenantMoveOptions> options,
    ILogger<TenantMover> logger) : ITenantMover
{
    private const string UnlockSql = "SELECT pg_advisory_unlock(hashtextextended('sublet.move:' || $1, 0))";

    private static readonly TimeSpan InitialCopyLimit = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(5);

    // Once the lock is had, writes wait this long at most; past it the move gives up and the tenant stays where it was.
    private static readonly TimeSpan FenceLimit = TimeSpan.FromSeconds(10);

    private readonly TenantMoveOptions _moves = options.Value;

    public async Task<TenantMoveReport> MoveAsync(string slug, string targetShard, IProgress<TenantMoveStep>? progress = null, CancellationToken cancellationToken = default)
    {
        if (await citus.IsEnabledAsync(cancellationToken))
        {
            return await new CitusSchemaMover(shards.Central).MoveAsync(slug, targetShard, progress, cancellationToken);
        }

        var total = Stopwatch.StartNew();
        await using var central = await shards.Central.OpenConnectionAsync(cancellationToken);
        await LockTenantAsync(central, slug, cancellationToken);
        try
        {
            return await MoveLockedAsync(central, slug, targetShard, progress, total, cancellationToken);
        }
        finally
        {
            // Explicitly: a pooled connection is only reset when next used, and another may be handed out first.
            await using var unlock = new NpgsqlCommand(UnlockSql, central);
            unlock.Parameters.Add(new NpgsqlParameter { Value = slug });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<TenantMoveReport> MoveLockedAsync(
        NpgsqlConnection central, string slug, string targetShard, IProgress<TenantMoveStep>? progress, Stopwatch total, CancellationToken cancellationToken)
    {
        var (schema, sourceShard) = await ReadTenantAsync(central, slug, cancellationToken);
        await CheckTargetAsync(central, slug, sourceShard, targetShard, cancellationToken);

        var source = await shards.ForAsync(sourceShard, catalog, cancellationToken);
        var target = await shards.ForAsync(targetShard, catalog, cancellationToken);
        var replication = new LogicalReplication(schema, source, shards.ConnectionStringFor(sourceShard), target);
        var tables = await ReadTablesAsync(source, schema, cancellationToken);
        await ClearLeftoversAsync(replication, target, schema, targetShard, cancellationToken);

        var step = TenantMoveStep.CopyingDefinition;
        var switched = false;
        try
        {
            progress?.Report(step);
            await replication.CreateMarkerAsync(cancellationToken);
            await copier.CopyAsync(schema, shards.ConnectionStringFor(sourceShard), shards.ConnectionStringFor(targetShard), cancellationToken);

            progress?.Report(step = TenantMoveStep.CopyingRows);
            await new OpenTransactionWatch(source, slug, progress, logger).WhileAsync(replication.StartAsync(cancellationToken), cancellationToken);
            await replication.WaitForInitialCopyAsync(InitialCopyLimit, cancellationToken);

            progress?.Report(step = TenantMoveStep.CatchingUp);
            await replication.WaitForCatchUpAsync(CatchUpLimit, cancellationToken);

            var fence = new TenantFence(source, target, central, replication, schema, tables);
            var (rows, held) = await SwitchAsync(fence, slug, sourceShard, targetShard, progress, () => switched = true, cancellationToken);

            await catalog.ReloadTenantsAsync([slug], cancellationToken);
            progress?.Report(TenantMoveStep.Switched);
            ShardLog.Moved(logger, slug, sourceShard, targetShard, held.TotalMilliseconds);
            await DropOldCopyAsync(source, slug, schema, sourceShard, cancellationToken);

            return new TenantMoveReport(slug, sourceShard, targetShard, tables.Count, rows, held, total.Elapsed);
        }
        catch (Exception exception) when (!switched)
        {
            // Idle connections to a target that dropped out are dead; the clean-up and the next move need new ones.
            target.Clear();
            await replication.RemoveAsync();
            await DropSchemaQuietlyAsync(target, schema);
            if (exception is OperationCanceledException)
            {
                throw;
            }

            throw new TenantProvisioningException(
                TenantProvisioningError.MoveFailed,
                $"Moving tenant '{slug}' to shard '{targetShard}' failed at step {step} ({exception.Message.TrimEnd('.')}); it stays on shard '{sourceShard}', unchanged.");
        }
    }

    private async Task DropOldCopyAsync(NpgsqlDataSource source, string slug, string schema, string sourceShard, CancellationToken cancellationToken)
    {
        try
        {
            if (await MovedAwayCopy.DropAsync(source, schema, _moves.SourceDropDelay > TimeSpan.Zero ? _moves.SourceDropDelay : TimeSpan.Zero, cancellationToken))
            {
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // The move is done; only the clean-up was cut short.
        }

        ShardLog.OldCopyKept(logger, slug, sourceShard);
    }

    /// <summary>Takes the fence, letting go of the lock and trying again later while a transaction keeps the tables.</summary>
    private async Task<(long Rows, TimeSpan Held)> SwitchAsync(
        TenantFence fence, string slug, string sourceShard, string targetShard, IProgress<TenantMoveStep>? progress, Action onSwitched, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, _moves.FenceAttempts);
        for (var attempt = 1; ; attempt++)
        {
            progress?.Report(TenantMoveStep.Fenced);
            var (switched, rows, held) = await fence.TrySwitchAsync(slug, sourceShard, targetShard, _moves.FenceLockWait, FenceLimit, onSwitched, cancellationToken);
            if (switched)
            {
                return (rows, held);
            }

            ShardLog.FenceDeferred(logger, slug, attempt, held.TotalMilliseconds);
            if (attempt == attempts)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"A transaction kept the tenant's tables locked: {attempts} attempts to hold its writes got no lock within {_moves.FenceLockWait.TotalMilliseconds:0} ms"));
            }

            progress?.Report(TenantMoveStep.FenceDeferred);
            await Task.Delay(_moves.FenceRetryDelay > TimeSpan.Zero ? _moves.FenceRetryDelay : TimeSpan.Zero, cancellationToken);
        }
    }

    private static async Task LockTenantAsync(NpgsqlConnection central, string slug, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended('sublet.move:' || $1, 0))", central);
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            throw new TenantProvisioningException(TenantProvisioningError.MoveFailed, $"Tenant '{slug}' is already being moved.");
        }
    }

    private static async Task<(string Schema, string Shard)> ReadTenantAsync(NpgsqlConnection central, string slug, CancellationToken cancellationToken)
    {
        return await CatalogStore.PlacementOfAsync(central, slug, cancellationToken)
            ?? throw TenantProvisioningException.NoTenant(slug);
    }

    private static async Task CheckTargetAsync(NpgsqlConnection central, string slug, string sourceShard, string targetShard, CancellationToken cancellationToken)
    {
        var draining = await CatalogStore.IsDrainingAsync(central, targetShard, cancellationToken)
            ?? throw TenantProvisioningException.NoShard(targetShard);
        if (targetShard == sourceShard)
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"Tenant '{slug}' is already on shard '{targetShard}'.");
        }

        if (draining)
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"Shard '{targetShard}' is draining and takes no tenants.");
        }
    }

    private static async Task<IReadOnlyList<string>> ReadTablesAsync(NpgsqlDataSource source, string schema, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(
            """
            SELECT c.relname, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> $2
            ORDER BY c.relname
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        command.Parameters.Add(new NpgsqlParameter { Value = LogicalReplication.MarkerTable });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.GetBoolean(1))
            {
                throw new TenantProvisioningException(
                    TenantProvisioningError.InvalidSchema,
                    $"Table {schema}.{reader.GetString(0)} has no primary key: logical replication needs one to carry its updates and deletes.");
            }

            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task ClearLeftoversAsync(LogicalReplication replication, NpgsqlDataSource target, string schema, string targetShard, CancellationToken cancellationToken)
    {
        if (await replication.SubscriptionExistsAsync(cancellationToken))
        {
            // A move of this schema to this shard stopped part way: what it made on the target is its own.
            await replication.RemoveAsync();
            await DropSchemaQuietlyAsync(target, schema);
            return;
        }

        await using var command = target.CreateCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        var exists = (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
        if (exists && await MovedAwayCopy.IsMovedAwayAsync(target, schema, cancellationToken))
        {
            // The tenant left this shard before and its old copy could not be dropped then: it is stale, and ours.
            exists = !await MovedAwayCopy.DropAsync(target, schema, TimeSpan.Zero, cancellationToken);
        }

        if (exists)
        {
            throw new TenantProvisioningException(
                TenantProvisioningError.AlreadyExists, $"Shard '{targetShard}' already has a schema '{schema}': nothing was moved.");
        }

        // A crashed move may also have left the publication and slot on the source.
        await replication.RemoveAsync();
    }

    private static async Task DropSchemaQuietlyAsync(NpgsqlDataSource target, string schema)
    {
        try
        {
            await using var command = target.CreateCommand($"DROP SCHEMA IF EXISTS {SqlIdentifier.Quote(schema)} CASCADE");
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The target is unreachable; the next move to it clears the copy (its subscription marks it as ours).
        }
    }
}

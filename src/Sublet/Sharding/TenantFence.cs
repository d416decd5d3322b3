using System.Diagnostics;
using Npgsql;
using Sublet.Core;

namespace Sublet.Sharding;

/// <summary>
/// The last moment of a move. One source transaction locks the tenant's tables against writes (reads go on),
/// waits for the target to apply the last change, copies sequence values, compares every table's row count and
/// row hashes, puts a trigger on each table that refuses writes, and commits only after the catalog names the
/// target. A write that waited on the lock then fails with <see cref="MovedAwaySqlState"/>, and the server answers
/// it 503 so the client retries on the new shard: no write lands on the old copy. Reads of the old copy are
/// answered throughout, until the mover drops it once every server routes to the target.
/// </summary>
internal sealed class TenantFence(
    NpgsqlDataSource source,
    NpgsqlDataSource target,
    NpgsqlConnection central,
    LogicalReplication replication,
    string schema,
    IReadOnlyList<string> tables)
{
    /// <summary>The SQLSTATE a write to a moved-away copy fails with.</summary>
    public const string MovedAwaySqlState = SqlStates.MovedAway;

    /// <summary>The trigger function, in the tenant's schema, that marks a copy as moved away.</summary>
    public const string MovedAwayFunction = "sublet_moved_away";

    private readonly string _quotedSchema = SqlIdentifier.Quote(schema);

    /// <summary>
    /// Switches the tenant to <paramref name="targetShard"/>; calls <paramref name="onSwitched"/> once the catalog
    /// says so. When the lock is not had within <paramref name="lockWait"/>, lets go of it and returns
    /// <see langword="false"/> with how long writes were held meanwhile.
    /// </summary>
    public async Task<(bool Switched, long Rows, TimeSpan Held)> TrySwitchAsync(
        string slug, string sourceShard, string targetShard, TimeSpan lockWait, TimeSpan limit, Action onSwitched, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Both bounds: lock_timeout applies to each table's lock on its own, statement_timeout to all of them.
        await connection.ExecuteAsync($"SET LOCAL lock_timeout = {Milliseconds(lockWait)}; SET LOCAL statement_timeout = {Milliseconds(lockWait)}", cancellationToken);

        // New writes queue behind the lock from the moment it is requested, not from when it is granted.
        var held = Stopwatch.StartNew();
        try
        {
            // EXCLUSIVE blocks INSERT, UPDATE and DELETE but not SELECT; it waits for writes already running.
            await connection.ExecuteAsync($"LOCK TABLE {string.Join(", ", tables.Select(Qualified))} IN EXCLUSIVE MODE", cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled
            && !cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return (false, 0, held.Elapsed);
        }

        // The comparison reads every row, which may take long on a large tenant: only locks stay bounded.
        await connection.ExecuteAsync($"SET LOCAL lock_timeout = {Milliseconds(limit)}; SET LOCAL statement_timeout = 0", cancellationToken);
        await replication.WaitForCatchUpAsync(limit, cancellationToken);
        await CopySequencesAsync(connection, cancellationToken);
        var rows = await CompareTablesAsync(connection, cancellationToken);
        await replication.StopSubscriptionAsync(cancellationToken);
        await replication.DropTargetMarkerAsync(cancellationToken);
        await connection.ExecuteAsync($"DROP PUBLICATION {replication.Name}", cancellationToken);
        // Not DROP SCHEMA: its exclusive lock would stall reads until the commit, and fail those still routed here.
        await RefuseWritesAsync(connection, cancellationToken);

        if (!await CatalogStore.SwitchShardAsync(central, slug, targetShard, sourceShard, cancellationToken))
        {
            throw new InvalidOperationException($"Tenant '{slug}' changed in the catalog during the move.");
        }

        onSwitched();
        // Not cancellable from here on: the catalog already routes to the target.
        await transaction.CommitAsync(CancellationToken.None);
        return (true, rows, held.Elapsed);
    }

    private async Task RefuseWritesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var function = $"{_quotedSchema}.{MovedAwayFunction}";
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $moved$
            BEGIN
                RAISE EXCEPTION 'This tenant has moved to another shard: its copy here takes no writes.' USING ERRCODE = '{MovedAwaySqlState}';
            END
            $moved$
            """));
        foreach (var table in tables)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"CREATE TRIGGER {MovedAwayFunction} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {Qualified(table)} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Milliseconds(TimeSpan span) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{Math.Max(1, (long)span.TotalMilliseconds)}ms'");

    private string Qualified(string table) => $"{_quotedSchema}.{SqlIdentifier.Quote(table)}";

    private async Task CopySequencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Logical replication carries rows, not sequence positions.
        var sequences = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'S'", connection))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sequences.Add(reader.GetString(0));
            }
        }

        foreach (var sequence in sequences)
        {
            long lastValue;
            bool isCalled;
            await using (var read = new NpgsqlCommand($"SELECT last_value, is_called FROM {Qualified(sequence)}", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                (lastValue, isCalled) = (reader.GetInt64(0), reader.GetBoolean(1));
            }

            await using var write = target.CreateCommand("SELECT setval($1::regclass, $2, $3)");
            write.Parameters.Add(new NpgsqlParameter { Value = Qualified(sequence) });
            write.Parameters.Add(new NpgsqlParameter { Value = lastValue });
            write.Parameters.Add(new NpgsqlParameter { Value = isCalled });
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<long> CompareTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Counts alone would pass a target where a change failed to apply but another row stands in its place;
        // a sum of row hashes (order-free, one pass) catches that too. The target computes on its own
        // connections while the source does under the fence, so the fence lasts as long as the slower side.
        var onTarget = tables.Select(table => FingerprintAsync(target.CreateCommand(FingerprintSql(table)), cancellationToken)).ToList();
        var onSource = new List<(long Rows, long Hash)>(tables.Count);
        foreach (var table in tables)
        {
            onSource.Add(await FingerprintAsync(new NpgsqlCommand(FingerprintSql(table), connection), cancellationToken));
        }

        var targetFingerprints = await Task.WhenAll(onTarget);
        for (var i = 0; i < tables.Count; i++)
        {
            if (onSource[i] != targetFingerprints[i])
            {
                throw new InvalidOperationException(onSource[i].Rows != targetFingerprints[i].Rows
                    ? $"Table {schema}.{tables[i]} has {onSource[i].Rows} rows on the source but {targetFingerprints[i].Rows} on the target."
                    : $"Table {schema}.{tables[i]} has the same number of rows on both sides but not the same rows.");
            }
        }

        return onSource.Sum(fingerprint => fingerprint.Rows);
    }

    private string FingerprintSql(string table) =>
        $"SELECT count(*), coalesce(sum(hashtext(t::text)::bigint), 0)::bigint FROM {Qualified(table)} t";

    private static async Task<(long Rows, long Hash)> FingerprintAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
    }
}

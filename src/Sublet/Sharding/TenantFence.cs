using System.Diagnostics;
using Npgsql;
using Sublet.Tenancy;

namespace Sublet.Sharding;

/// <summary>
/// The last moment of a move. One source transaction locks the tenant's tables against writes (reads go on),
/// waits for the target to apply the last change, copies sequence values, compares row counts, drops the
/// source schema and commits only after the catalog names the target. A write that waited on the lock then
/// fails on the missing table, and the server answers it 503 so the client retries on the new shard: no write
/// lands on the old copy.
/// </summary>
internal sealed class TenantFence(
    NpgsqlDataSource source,
    NpgsqlDataSource target,
    NpgsqlConnection central,
    LogicalReplication replication,
    string schema,
    IReadOnlyList<string> tables)
{
    private readonly string _quotedSchema = SqlIdentifier.Quote(schema);

    /// <summary>Switches the tenant to <paramref name="targetShard"/>; calls <paramref name="onSwitched"/> once the catalog says so.</summary>
    public async Task<(long Rows, TimeSpan Fenced)> SwitchAsync(
        string slug, string sourceShard, string targetShard, TimeSpan limit, Action onSwitched, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SET LOCAL lock_timeout = '{(int)limit.TotalMilliseconds}ms'", cancellationToken);
        // EXCLUSIVE blocks INSERT, UPDATE and DELETE but not SELECT; it waits for writes already running.
        await ExecuteAsync(connection, $"LOCK TABLE {string.Join(", ", tables.Select(Qualified))} IN EXCLUSIVE MODE", cancellationToken);
        var fenced = Stopwatch.StartNew();

        await replication.WaitForPositionAsync(await LogicalReplication.CurrentPositionAsync(connection, cancellationToken), limit, cancellationToken);
        await CopySequencesAsync(connection, cancellationToken);
        var rows = await CompareRowCountsAsync(connection, cancellationToken);
        await replication.StopSubscriptionAsync(cancellationToken);
        await ExecuteAsync(connection, $"DROP PUBLICATION {replication.Name}", cancellationToken);
        await ExecuteAsync(connection, $"DROP SCHEMA {_quotedSchema} CASCADE", cancellationToken);

        await using (var flip = new NpgsqlCommand("UPDATE sublet.tenant SET shard = $2 WHERE slug = $1 AND shard = $3", central))
        {
            flip.Parameters.Add(new NpgsqlParameter { Value = slug });
            flip.Parameters.Add(new NpgsqlParameter { Value = targetShard });
            flip.Parameters.Add(new NpgsqlParameter { Value = sourceShard });
            if (await flip.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InvalidOperationException($"Tenant '{slug}' changed in the catalog during the move.");
            }
        }

        onSwitched();
        // Not cancellable from here on: the catalog already routes to the target.
        await transaction.CommitAsync(CancellationToken.None);
        return (rows, fenced.Elapsed);
    }

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

    private async Task<long> CompareRowCountsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var table in tables)
        {
            var sql = $"SELECT count(*) FROM {Qualified(table)}";
            await using var onSource = new NpgsqlCommand(sql, connection);
            var sourceRows = (long)(await onSource.ExecuteScalarAsync(cancellationToken))!;
            await using var onTarget = target.CreateCommand(sql);
            var targetRows = (long)(await onTarget.ExecuteScalarAsync(cancellationToken))!;
            if (sourceRows != targetRows)
            {
                throw new InvalidOperationException($"Table {schema}.{table} has {sourceRows} rows on the source but {targetRows} on the target.");
            }

            total += sourceRows;
        }

        return total;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

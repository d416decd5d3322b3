using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Sublet.Core;

namespace Sublet.Sharding;

/// <summary>
/// One schema replicated from a source database to a target with PostgreSQL's logical replication: a publication
/// <c>FOR TABLES IN SCHEMA</c> on the source, a subscription on the target. The name is derived from the schema,
/// so what a crashed move left behind is found and removed by the next one.
/// </summary>
internal sealed class LogicalReplication(string schemaName, NpgsqlDataSource source, string sourceConnectionString, NpgsqlDataSource target)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>The table a move adds to the schema for the time it runs.</summary>
    public const string MarkerTable = "sublet_move_marker";

    public string Name { get; } = "sublet_move_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schemaName)))[..16];

    // The subscription's oid on the target, once known: the table-sync slots its workers make on the source during
    // the initial copy are named after it (pg_<oid>_sync_<relid>_<system id>), and only DROP SUBSCRIPTION, which
    // needs the target, removes them.
    private uint? _subscriptionOid;

    /// <summary>Whether a subscription of this name exists on the target: a crashed move's leftover.</summary>
    public async Task<bool> SubscriptionExistsAsync(CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT oid FROM pg_subscription WHERE subname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Name });
        if (await command.ExecuteScalarAsync(cancellationToken) is uint oid)
        {
            _subscriptionOid = oid;
            return true;
        }

        return false;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await source.ExecuteAsync($"CREATE PUBLICATION {Name} FOR TABLES IN SCHEMA {SqlIdentifier.Quote(schemaName)}", cancellationToken);
        // The slot is made apart from the subscription, after the publication: CREATE SUBSCRIPTION making its own
        // slot would wait forever when both databases are in one cluster.
        await source.ExecuteAsync($"SELECT pg_create_logical_replication_slot('{Name}', 'pgoutput')", cancellationToken);
        // The target's server connects to the source itself, with the source's own address and credentials. The
        // oid is read in the same implicit transaction: a target that dies a moment later still leaves it known.
        await using var batch = target.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"CREATE SUBSCRIPTION {Name} CONNECTION {Literal(ConnectionInfo(sourceConnectionString))} PUBLICATION {Name} WITH (copy_data = true, create_slot = false, slot_name = {Name})"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT oid FROM pg_subscription WHERE subname = '{Name}'"));
        _subscriptionOid = (uint)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Waits until every table's initial copy is done.</summary>
    public async Task WaitForInitialCopyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        const string Sql =
            """
            SELECT count(*) FILTER (WHERE r.srsubstate NOT IN ('r', 's'))
            FROM pg_subscription s LEFT JOIN pg_subscription_rel r ON r.srsubid = s.oid
            WHERE s.subname = $1
            """;
        await PollAsync(
            async () =>
            {
                await using var command = target.CreateCommand(Sql);
                command.Parameters.Add(new NpgsqlParameter { Value = Name });
                return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 0;
            },
            limit,
            "the initial copy",
            cancellationToken);
    }

    /// <summary>
    /// Creates the marker table in the schema on the source, before its definition is copied: a row written
    /// there and seen on the target proves every transaction committed before it has been applied there, as
    /// the target applies transactions in commit order. (The slot's confirmed position does not: it can pass a
    /// transaction the target has received but not yet committed.)
    /// </summary>
    public Task CreateMarkerAsync(CancellationToken cancellationToken) =>
        source.ExecuteAsync($"CREATE TABLE {Marker} (id int PRIMARY KEY, token uuid NOT NULL)", cancellationToken);

    /// <summary>Commits a new token in the marker table on the source and waits until the target has applied it.</summary>
    public async Task WaitForCatchUpAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        await using (var write = source.CreateCommand($"INSERT INTO {Marker} VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET token = excluded.token"))
        {
            write.Parameters.Add(new NpgsqlParameter { Value = token });
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await PollAsync(
            async () =>
            {
                await using var read = target.CreateCommand($"SELECT count(*) FROM {Marker} WHERE token = $1");
                read.Parameters.Add(new NpgsqlParameter { Value = token });
                return (long)(await read.ExecuteScalarAsync(cancellationToken))! > 0;
            },
            limit,
            "the target to catch up",
            cancellationToken);
    }

    /// <summary>Drops the marker table from the target once replication has stopped.</summary>
    public Task DropTargetMarkerAsync(CancellationToken cancellationToken) =>
        target.ExecuteAsync($"DROP TABLE IF EXISTS {Marker}", cancellationToken);

    private string Marker => $"{SqlIdentifier.Quote(schemaName)}.{MarkerTable}";

    /// <summary>Ends the subscription, which also drops its slot on the source.</summary>
    public Task StopSubscriptionAsync(CancellationToken cancellationToken) =>
        target.ExecuteAsync($"DROP SUBSCRIPTION IF EXISTS {Name}", cancellationToken);

    /// <summary>
    /// Removes whatever exists of the replication, each part on its own, even when the target is unreachable:
    /// a replication slot left on the source, the main one or a table-sync one, would keep its write-ahead log
    /// forever.
    /// </summary>
    public async Task RemoveAsync()
    {
        await TryAsync(async () =>
        {
            // Detached from its slot first, so dropping it needs no connection to the source.
            if (await SubscriptionExistsAsync(CancellationToken.None))
            {
                await target.ExecuteAsync($"ALTER SUBSCRIPTION {Name} DISABLE", CancellationToken.None);
                await target.ExecuteAsync($"ALTER SUBSCRIPTION {Name} SET (slot_name = NONE)", CancellationToken.None);
                await target.ExecuteAsync($"DROP SUBSCRIPTION {Name}", CancellationToken.None);
            }
        });
        await TryAsync(() => source.ExecuteAsync($"DROP PUBLICATION IF EXISTS {Name}", CancellationToken.None));
        await TryAsync(() => source.ExecuteAsync($"DROP TABLE IF EXISTS {Marker}", CancellationToken.None));
        await TryAsync(DropSlotAsync);
    }

    private async Task DropSlotAsync()
    {
        // The main slot and the subscription's table-sync slots, by the subscription's oid when it is known.
        const string Ours = "database = current_database() AND (slot_name = $1 OR slot_name LIKE $2)";
        var syncSlots = _subscriptionOid is { } oid ? string.Create(CultureInfo.InvariantCulture, $"pg\\_{oid}\\_sync\\_%") : Name;

        // The source's sender for a slot may hold it a moment after the subscriber went away.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var batch = source.CreateBatch();
            foreach (var sql in new[]
            {
                $"SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE {Ours} AND active_pid IS NOT NULL",
                $"SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE {Ours} AND NOT active",
                $"SELECT count(*) FROM pg_replication_slots WHERE {Ours}",
            })
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql)
                {
                    Parameters = { new NpgsqlParameter { Value = Name }, new NpgsqlParameter { Value = syncSlots } },
                });
            }

            try
            {
                await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
                await reader.NextResultAsync(CancellationToken.None);
                await reader.NextResultAsync(CancellationToken.None);
                await reader.ReadAsync(CancellationToken.None);
                if (reader.GetInt64(0) == 0)
                {
                    return;
                }
            }
            catch (PostgresException)
            {
                // Taken again between the two statements: try once more.
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task TryAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // Best effort: the caller reports the failure that started the clean-up, not this one.
        }
    }

    private async Task PollAsync(Func<Task<bool>> done, TimeSpan limit, string what, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await done())
        {
            // A change the target cannot apply (a conflicting row, say) is retried forever: stop at the first.
            if (await ErrorCountAsync(cancellationToken) > 0)
            {
                throw new InvalidOperationException($"The target's subscription failed to apply a change while waiting for {what} (its server log says why).");
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Waited {limit.TotalSeconds:0} s for {what}."));
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private async Task<long> ErrorCountAsync(CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT coalesce(sum(apply_error_count + sync_error_count), 0)::bigint FROM pg_stat_subscription_stats WHERE subname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Name });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }


    /// <summary>A libpq connection string (the form a subscription takes) for an Npgsql one.</summary>
    private static string ConnectionInfo(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var parts = new List<string>
        {
            Pair("host", settings.Host ?? "localhost"),
            Pair("port", settings.Port.ToString(CultureInfo.InvariantCulture)),
            Pair("dbname", settings.Database ?? "postgres"),
        };
        if (settings.Username is { } user)
        {
            parts.Add(Pair("user", user));
        }

        if (settings.Password is { } password)
        {
            parts.Add(Pair("password", password));
        }

        return string.Join(' ', parts);
    }

    private static string Pair(string key, string value) =>
        $"{key}='{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

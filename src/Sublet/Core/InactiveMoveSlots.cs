using Npgsql;

namespace Sublet.Core;

/// <summary>
/// Replication slots in a shard's database that moves make and nothing is using: a move's own slot
/// (<c>sublet_move_…</c>) or a table-sync slot of its subscription (<c>pg_&lt;subid&gt;_sync_&lt;relid&gt;_…</c>).
/// A move removes them when it ends; one left behind (a process killed part way, a source unreachable during the
/// clean-up) keeps the server's write-ahead log until it is dropped.
/// </summary>
/// <param name="Count">How many such slots.</param>
/// <param name="RetainedWalBytes">The write-ahead log the oldest of them holds back, in bytes.</param>
public sealed record InactiveMoveSlots(int Count, long RetainedWalBytes)
{
    private const string Sql =
        """
        SELECT count(*)::int, coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)), 0)::bigint
        FROM pg_replication_slots
        WHERE database = current_database() AND NOT active
          AND (slot_name LIKE 'sublet\_move\_%' OR slot_name ~ '^pg_[0-9]+_sync_[0-9]+_[0-9]+$')
        """;

    internal static async Task<InactiveMoveSlots> ReadAsync(NpgsqlDataSource shard, CancellationToken cancellationToken)
    {
        await using var command = shard.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new InactiveMoveSlots(reader.GetInt32(0), reader.GetInt64(1));
    }
}

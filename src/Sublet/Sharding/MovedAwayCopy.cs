using Npgsql;
using Sublet.Core;

namespace Sublet.Sharding;

/// <summary>
/// A tenant's schema left on the shard it moved away from: readable, its writes refused by the fence's triggers,
/// until the mover drops it once every server routes to the new shard.
/// </summary>
internal static class MovedAwayCopy
{
    private const int DropAttempts = 5;

    /// <summary>Whether <paramref name="schema"/> on <paramref name="shard"/> is such a copy: the fence's trigger function is in it.</summary>
    public static async Task<bool> IsMovedAwayAsync(NpgsqlDataSource shard, string schema, CancellationToken cancellationToken)
    {
        await using var command = shard.CreateCommand("SELECT to_regproc($1) IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = $"{SqlIdentifier.Quote(schema)}.{TenantFence.MovedAwayFunction}" });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Drops the copy after <paramref name="delay"/>. A read still running on it holds the drop back; the drop waits
    /// for it only briefly, so reads queued behind the drop are not held long, and tries again.
    /// </summary>
    /// <returns>Whether the copy is gone; if not, the next move to that shard drops it.</returns>
    public static async Task<bool> DropAsync(NpgsqlDataSource shard, string schema, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var batch = shard.CreateBatch();
                // One implicit transaction: the setting ends with it.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL lock_timeout = '500ms'"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"DROP SCHEMA IF EXISTS {SqlIdentifier.Quote(schema)} CASCADE"));
                await batch.ExecuteNonQueryAsync(cancellationToken);
                return true;
            }
            catch (NpgsqlException) when (attempt < DropAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }
    }
}

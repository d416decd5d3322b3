using Microsoft.Extensions.Logging;
using Npgsql;
using Sublet.Core;

namespace Sublet.Sharding;

/// <summary>
/// Says, while a replication slot is being made, which transaction it waits for: a slot starts only once every
/// transaction that was open on the source server has ended, so one long transaction holds the move for as long.
/// </summary>
internal sealed class OpenTransactionWatch(NpgsqlDataSource source, string slug, IProgress<TenantMoveStep>? progress, ILogger logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private const string OldestSql =
        """
        SELECT pid, extract(epoch FROM now() - xact_start)::float8 FROM pg_stat_activity
        WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND backend_type = 'client backend'
          AND query NOT ILIKE '%pg_create_logical_replication_slot%'
        ORDER BY xact_start LIMIT 1
        """;

    /// <summary>Awaits <paramref name="work"/>, reporting the oldest open transaction whenever it takes a while.</summary>
    public async Task WhileAsync(Task work, CancellationToken cancellationToken)
    {
        var reported = false;
        var wait = Patience;
        while (await Task.WhenAny(work, Task.Delay(wait, cancellationToken)) != work)
        {
            cancellationToken.ThrowIfCancellationRequested();
            wait = Interval;
            try
            {
                await using var command = source.CreateCommand(OldestSql);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    continue;
                }

                ShardLog.WaitingForTransactions(logger, slug, reader.GetInt32(0), reader.GetDouble(1));
                if (!reported)
                {
                    progress?.Report(TenantMoveStep.WaitingForTransactions);
                    reported = true;
                }
            }
            catch (NpgsqlException)
            {
                // Only a report: the work itself says whether the source is there.
            }
        }

        await work;
    }
}

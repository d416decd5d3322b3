using System.Diagnostics;
using Npgsql;

namespace Sublet.Citus;

/// <summary>
/// Measures how long a tenant's writes wait while Citus moves its schema: a write that changes nothing
/// (<c>DELETE … WHERE false</c>, routed and locked like any other write to the table) every 10 ms through the
/// coordinator, keeping the longest. Citus holds writes for the final switch itself, so timing them is the
/// only way to report that stall.
/// </summary>
internal sealed class CitusWriteProbe : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TimeSpan _longest;

    private CitusWriteProbe(NpgsqlDataSource coordinator, string qualifiedTable) => _loop = Task.Run(() => RunAsync(coordinator, qualifiedTable, _stop.Token));

    /// <summary>Starts probing <paramref name="qualifiedTable"/> (quoted); null probes nothing and measures zero.</summary>
    public static CitusWriteProbe? Start(NpgsqlDataSource coordinator, string? qualifiedTable) =>
        qualifiedTable is null ? null : new CitusWriteProbe(coordinator, qualifiedTable);

    /// <summary>Stops probing and returns the longest a probe write waited.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _longest;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(NpgsqlDataSource coordinator, string qualifiedTable, CancellationToken stop)
    {
        try
        {
            await using var connection = await coordinator.OpenConnectionAsync(stop);
            await using var probe = new NpgsqlCommand($"DELETE FROM {qualifiedTable} WHERE false", connection);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    // Not cancelled by stop: a probe held at the switch must finish to be timed.
                    await probe.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch (PostgresException)
                {
                    // Refused while the table changes hands: the next probe times the wait.
                }

                var waited = Stopwatch.GetElapsedTime(started);
                if (waited > _longest)
                {
                    _longest = waited;
                }

                await Task.Delay(Interval, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped between probes.
        }
        catch (NpgsqlException)
        {
            // The probe is a measurement, never a reason for a move to fail.
        }
    }
}

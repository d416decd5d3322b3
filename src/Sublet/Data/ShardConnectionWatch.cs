using Microsoft.Extensions.Logging;
using Npgsql;

namespace Sublet.Data;

/// <summary>
/// Keeps one connection parked on a shard's server, outside its pools, and empties the pools the moment that
/// connection is lost. A server that restarts closes every connection to it; without this, the pools would hand
/// their dead idle connections to the next requests after it is back, and each would fail once.
/// </summary>
internal sealed class ShardConnectionWatch : IAsyncDisposable
{
    /// <summary>The application name of the parked backend, so operators (and tests) can find it.</summary>
    public const string ApplicationName = "sublet-shard-watch";

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _watching;

    public ShardConnectionWatch(string shard, string connectionString, Action onLost, ILogger logger)
    {
        // KeepAlive: a server that vanished without closing (a cut network) is noticed too.
        var parked = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ApplicationName, KeepAlive = 10 }.ConnectionString;
        _watching = WatchAsync(shard, parked, onLost, logger, _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _watching;
        _stopping.Dispose();
    }

    private static async Task WatchAsync(string shard, string connectionString, Action onLost, ILogger logger, CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            var connected = false;
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connected = true;
                delay = FirstDelay;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                if (connected)
                {
                    onLost();
                    Log.ShardConnectionLost(logger, shard, exception.Message);
                }
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}

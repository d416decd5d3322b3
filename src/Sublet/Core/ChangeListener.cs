using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Sublet.Core;

/// <summary>
/// Keeps in-memory copies of central data (the tenant catalog, cached sessions) current while the app runs: one
/// connection <c>LISTEN</c>s on every handler's channel and hands each handler its notifications. Another
/// process's create, suspend or logout reaches this one within moments. If the connection drops, the handlers
/// are told, and on reconnecting they catch up, so nothing missed in between is lost.
/// </summary>
internal sealed class ChangeListener(
    CentralDatabase connection,
    IEnumerable<IChangeNotificationHandler> handlers,
    IOptions<SubletOptions> options,
    ILogger<ChangeListener> logger) : BackgroundService
{
    /// <summary>The application name of the listening backend, so operators (and tests) can find it.</summary>
    public const string ApplicationName = "sublet-change-listener";

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly IChangeNotificationHandler[] _handlers = [.. handlers];
    private TimeSpan _delay = FirstDelay;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WatchCatalog || _handlers.Length == 0)
        {
            return;
        }

        // Outside the app's pool: a connection parked in LISTEN must not take one of the pool's seats.
        var connectionString = new NpgsqlConnectionStringBuilder(connection.ConnectionString)
        {
            Pooling = false,
            ApplicationName = ApplicationName,
            KeepAlive = 15,
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                foreach (var handler in _handlers)
                {
                    handler.OnDisconnected();
                }

                // Back off while the database is away, but not so far that a restart goes unnoticed for long.
                // An expected condition during an outage: the reason, not a stack trace.
                Log.ChangeListenerDisconnected(logger, exception.Message, (int)_delay.TotalMilliseconds);
                await Task.Delay(_delay, stoppingToken);
                _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        var pending = Channel.CreateUnbounded<NpgsqlNotificationEventArgs>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        await using var listener = new NpgsqlConnection(connectionString);
        listener.Notification += (_, notification) => pending.Writer.TryWrite(notification);
        await listener.OpenAsync(stoppingToken);
        foreach (var handler in _handlers)
        {
            // Channel names are constants of the handlers, never input.
            await using var listen = new NpgsqlCommand($"LISTEN {handler.Channel}", listener);
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        _delay = FirstDelay;
        foreach (var handler in _handlers)
        {
            await handler.OnListeningAsync(stoppingToken);
        }

        // The connection hands over one notification per wait, so waiting and applying run apart: whatever arrived
        // while one batch was applied makes the next batch, and a bulk change costs a few reads, not one per row.
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var receiving = ReceiveAsync(listener, pending.Writer, stopReceiving.Token);
        try
        {
            var batch = new List<NpgsqlNotificationEventArgs>();
            while (await pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (pending.Reader.TryRead(out var notification))
                {
                    batch.Add(notification);
                }

                foreach (var handler in _handlers)
                {
                    var payloads = batch.Where(notification => notification.Channel == handler.Channel).Select(notification => notification.Payload).ToList();
                    if (payloads.Count > 0)
                    {
                        await handler.OnNotifiedAsync(payloads, stoppingToken);
                    }
                }

                batch.Clear();
            }
        }
        finally
        {
            await stopReceiving.CancelAsync();
            await receiving;
        }
    }

    /// <summary>Waits on the connection until it fails or is stopped, and ends <paramref name="pending"/> with the reason.</summary>
    private static async Task ReceiveAsync(NpgsqlConnection listener, ChannelWriter<NpgsqlNotificationEventArgs> pending, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await listener.WaitAsync(cancellationToken);
            }
        }
        catch (Exception exception)
        {
            // Whatever ended it reaches the loop above, which reconnects or stops as for any listener failure.
            pending.TryComplete(exception);
        }
    }
}

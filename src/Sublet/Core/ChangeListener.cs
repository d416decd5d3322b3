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
        await using var listener = new NpgsqlConnection(connectionString);
        var received = new List<NpgsqlNotificationEventArgs>();
        listener.Notification += (_, notification) => received.Add(notification);
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

        while (!stoppingToken.IsCancellationRequested)
        {
            await listener.WaitAsync(stoppingToken);
            // WaitAsync raises the Notification events on this thread, so the list needs no lock.
            foreach (var handler in _handlers)
            {
                var payloads = received.Where(notification => notification.Channel == handler.Channel).Select(notification => notification.Payload).ToList();
                if (payloads.Count > 0)
                {
                    await handler.OnNotifiedAsync(payloads, stoppingToken);
                }
            }

            received.Clear();
        }
    }
}

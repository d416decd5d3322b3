using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Hosting;

namespace Sublet.Tenancy;

/// <summary>
/// Keeps the in-memory catalog current while the app runs: <c>LISTEN</c>s for the notification the catalog
/// table's trigger sends and reloads. Another process's create, suspend or rename reaches this one within
/// moments. If the connection drops, it reconnects and reloads, so nothing missed in between is lost.
/// </summary>
internal sealed class CatalogChangeListener(
    SubletConnection connection,
    ITenantCatalog catalog,
    IOptions<SubletOptions> options,
    ILogger<CatalogChangeListener> logger) : BackgroundService
{
    public const string Channel = "sublet_catalog";

    /// <summary>The application name of the listening backend, so operators (and tests) can find it.</summary>
    public const string ApplicationName = "sublet-catalog-listener";

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private TimeSpan _delay = FirstDelay;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WatchCatalog)
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
                // Back off while the database is away, but not so far that a restart goes unnoticed for long.
                Log.CatalogListenerDisconnected(logger, exception, (int)_delay.TotalMilliseconds);
                await Task.Delay(_delay, stoppingToken);
                _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        await using var listener = new NpgsqlConnection(connectionString);
        await listener.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        _delay = FirstDelay;

        // Changes made while no one was listening (start-up, a reconnect) are picked up here.
        await catalog.ReloadAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await listener.WaitAsync(stoppingToken);
            await catalog.ReloadAsync(stoppingToken);
            Log.CatalogReloadedOnNotification(logger, catalog.Tenants.Count);
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Sublet.Sessions;

/// <summary>Deletes ended sessions every <see cref="TenantSessionOptions.CleanupInterval"/>.</summary>
internal sealed class SessionCleanup(ITenantSessions sessions, IOptions<TenantSessionOptions> options, ILogger<SessionCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var removed = await sessions.RemoveExpiredAsync(stoppingToken);
                    Log.ExpiredSessionsRemoved(logger, removed);
                }
                catch (NpgsqlException exception)
                {
                    // The next tick tries again; a database hiccup must not stop the server.
                    Log.SessionCleanupFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

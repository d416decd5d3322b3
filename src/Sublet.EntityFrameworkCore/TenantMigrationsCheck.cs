using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sublet.Migrations;

namespace Sublet.EntityFrameworkCore;

/// <summary>Builds the EF Core tenant migrations when the app starts, so a refused set stops the start, not the first tenant creation.</summary>
internal sealed class TenantMigrationsCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<TenantMigrations>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

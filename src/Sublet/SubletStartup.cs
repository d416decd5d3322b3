using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sublet.Migrations;
using Sublet.Tenancy;
using Sublet.Core;
using Sublet.Domains;

namespace Sublet;

/// <summary>
/// Before the app serves anything: checks that every tenant migration file was embedded, starts the embedded
/// cluster if there is one, applies central migrations and loads the catalog and the custom domains. On shutdown, after the server has stopped, stops the cluster it started.
/// </summary>
internal sealed class SubletStartup(
    CentralDatabase connection,
    CentralMigrator migrator,
    ITenantCatalog catalog,
    TenantMigrations migrations,
    IHostEnvironment environment,
    DomainMap domains,
    ILogger<SubletStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before any database is touched: a migration file the build did not embed stops the start-up instead of
        // giving new tenants a schema without it.
        TenantMigrationFiles.EnsureEmbedded(environment.ContentRootPath, migrations.Set);
        if (connection.Embedded is { } embedded)
        {
            await embedded.StartAsync(cancellationToken);
        }

        await migrator.ApplyAsync(cancellationToken);
        await catalog.ReloadAsync(cancellationToken);
        Tenancy.Log.CatalogLoaded(logger, catalog.Tenants.Count);
        await domains.ReloadAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (connection.Embedded is { } embedded)
        {
            await embedded.StopAsync(cancellationToken);
        }
    }
}

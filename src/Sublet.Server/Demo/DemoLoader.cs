using Microsoft.Extensions.Options;
using Sublet.Provisioning;
using Sublet.Tenancy;
using Sublet.Core;

namespace Sublet.Server.Demo;

/// <summary>On first start against an empty catalog, loads the seed's demo tenants (if enabled), then prints the tenant URLs.</summary>
internal sealed partial class DemoLoader(
    ITenantProvisioner provisioner,
    ITenantCatalog catalog,
    IOptions<ServerOptions> serverOptions,
    IOptions<SubletOptions> subletOptions,
    IConfiguration configuration,
    ILogger<DemoLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var embedded = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Sublet"));
        if ((serverOptions.Value.LoadDemo ?? embedded) && catalog.Tenants.Count == 0)
        {
            var outcomes = await DemoTenants.CreateMissingAsync(provisioner, catalog, cancellationToken);
            var loaded = outcomes.Count(outcome => outcome.Created);
            LogDemoLoaded(logger, loaded);
        }

        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var tenant in catalog.Tenants.OrderBy(tenant => tenant.Slug, StringComparer.Ordinal))
        {
            var url = $"http://{tenant.Slug}.{subletOptions.Value.ServerName}/";
            LogTenantUrl(logger, tenant.Slug, url);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Loaded {TenantCount} demo tenants (users user_1, user_2; password foo)")]
    private static partial void LogDemoLoaded(ILogger logger, int tenantCount);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Tenant {TenantSlug}: {TenantUrl}")]
    private static partial void LogTenantUrl(ILogger logger, string tenantSlug, string tenantUrl);
}

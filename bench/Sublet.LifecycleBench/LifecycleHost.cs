using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sublet.Migrations;

namespace Sublet.LifecycleBench;

/// <summary>
/// Sublet wired as the tool wires it (generic host, no web server), with a chosen set of tenant migrations; with
/// <c>watchCatalog</c>, as a serving process keeps its catalog current.
/// </summary>
internal static class LifecycleHost
{
    public static async Task<IHost> StartAsync(string connectionString, MigrationSet migrations, CancellationToken cancellationToken, bool watchCatalog = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("ConnectionStrings:Sublet", connectionString)]);
        builder.Logging.ClearProviders();
        // Registered before AddSublet, which only adds its own when none is there.
        builder.Services.AddSingleton(new TenantMigrations(migrations));
        builder.Services.AddSublet(options => options.WatchCatalog = watchCatalog);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}

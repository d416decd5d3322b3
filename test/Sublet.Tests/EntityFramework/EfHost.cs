using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sublet.Tenancy;

namespace Sublet.Tests.EntityFramework;

/// <summary>
/// An app whose tenant schema lives in a context's EF Core migrations, in a plain generic host with no web server,
/// as a command or a worker runs it.
/// </summary>
public sealed class EfHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EfHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<EfHost> StartAsync<TContext>(string connectionString, Action<SubletBuilder>? configure = null, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sublet"] = connectionString });
        builder.Logging.ClearProviders();
        var sublet = builder.Services.AddSublet(options => options.WatchCatalog = false).AddTenantMigrations<TContext>();
        configure?.Invoke(sublet);
        builder.Services.AddTenantDbContext<TContext>(configure: EfTestOptions.FailOnManyServiceProviders);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new EfHost(host);
    }

    public async Task ReloadCatalogAsync() =>
        await Services.GetRequiredService<ITenantCatalog>().ReloadAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sublet.Server;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// Sublet in a plain generic host with no web server, as a second process would run it: its own data source
/// and catalog, on a database of the caller's choosing.
/// </summary>
public sealed class SubletHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SubletHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public static Task<SubletHost> StartAsync(string connectionString, CancellationToken cancellationToken = default) =>
        StartAsync(connectionString, log: null, cancellationToken);

    /// <summary>A host whose log also goes to <paramref name="log"/>.</summary>
    public static async Task<SubletHost> StartAsync(string connectionString, ILoggerProvider? log, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Sublet"] = connectionString,
            ["Sublet:Passwords:Iterations"] = "2000",
        });
        builder.Logging.ClearProviders();
        if (log is not null)
        {
            builder.Logging.AddProvider(log);
        }

        builder.Services.AddSublet(options => options.WatchCatalog = false)
            .AddTenantMigrations(typeof(ServerApp).Assembly);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new SubletHost(host);
    }

    /// <summary>A host on a fresh database of its own.</summary>
    public static async Task<SubletHost> StartFreshAsync(PostgresCluster cluster, CancellationToken cancellationToken = default) =>
        await StartAsync(await cluster.CreateDatabaseAsync(cancellationToken), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

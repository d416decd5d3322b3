using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sublet.Server;

namespace Sublet.Cli;

/// <summary>
/// Sublet wired exactly as the server wires it (<c>AddSublet</c> plus the app's tenant migrations), in a generic
/// host with no web server. Starting it starts the embedded cluster if no connection string is configured and
/// the cluster is not running; stopping it stops the cluster only if this process started it.
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    private CliHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<CliHost> StartAsync(string? connectionString, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        // The same sources the server reads, minus its command line: appsettings.json here, then the environment.
        builder.Configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("ConnectionStrings:Sublet", connectionString)]);
        }

        // Results and failures are the tool's own output; library logs would only interleave with them.
        builder.Logging.ClearProviders();
        builder.Services.AddSublet(options => options.WatchCatalog = false)
            .AddTenantMigrations(typeof(ServerApp).Assembly);

        var cliHost = new CliHost(builder.Build());
        try
        {
            await cliHost._host.StartAsync(cancellationToken);
            cliHost._started = true;
        }
        catch
        {
            await cliHost.DisposeAsync();
            throw;
        }

        return cliHost;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await _host.StopAsync(CancellationToken.None);
        }

        _host.Dispose();
    }
}

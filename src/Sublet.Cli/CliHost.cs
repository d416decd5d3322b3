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
            EnvironmentName = EnvironmentName(),
        });
        // The same sources the server reads, minus its command line: appsettings.json and appsettings.<environment>.json
        // here, then the environment. Without the second, a server name set for Production is not the one the tool
        // prints in new tenants' addresses.
        builder.Configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        builder.Configuration.AddJsonFile($"appsettings.{builder.Environment.EnvironmentName}.json", optional: true, reloadOnChange: false);
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

    /// <summary>The environment as the server finds it: <c>ASPNETCORE_ENVIRONMENT</c>, else <c>DOTNET_ENVIRONMENT</c>, else Production.</summary>
    private static string EnvironmentName() =>
        System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } aspnet ? aspnet
        : System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
        : Environments.Production;

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await _host.StopAsync(CancellationToken.None);
        }

        _host.Dispose();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sublet.Core;

namespace Sublet.Commands;

/// <summary>
/// Sublet inside the app's own host, started for one command without starting the app: the embedded cluster if no
/// connection string is configured and it is not running, then central migrations and the catalog. The web server,
/// the app's hosted services and the catalog listener stay off. Stopping stops the cluster only if this started it.
/// </summary>
internal sealed class CommandServices : IAsyncDisposable
{
    private const string ConnectionStringKey = "ConnectionStrings:" + CentralDatabase.ConnectionStringName;

    private readonly SubletStartup _startup;
    private bool _started;

    private CommandServices(IServiceProvider services)
    {
        Services = services;
        _startup = services.GetService<SubletStartup>()
            ?? throw new SubletCommandException("Sublet's services are missing: call AddSublet() in the app.");
    }

    public IServiceProvider Services { get; }

    /// <summary>
    /// Before anything reads them: <paramref name="connectionString"/> over the configured one, and the app's log
    /// levels off, so a command's output (and its one-line failure) is all it writes.
    /// </summary>
    public static void Configure(IHost host, string? connectionString)
    {
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Logging:LogLevel:Default"] = "None" };
        foreach (var (key, _) in configuration.GetSection("Logging").AsEnumerable())
        {
            if (key.Contains(":LogLevel:", StringComparison.OrdinalIgnoreCase))
            {
                overrides[key] = "None";
            }
        }

        if (connectionString is not null)
        {
            overrides[ConnectionStringKey] = connectionString;
        }

        if (configuration is IConfigurationBuilder builder)
        {
            builder.AddInMemoryCollection(overrides);
        }
        else if (connectionString is not null)
        {
            throw new SubletCommandException("--connection needs an app built with WebApplication.CreateBuilder or Host.CreateApplicationBuilder; set ConnectionStrings__Sublet instead.");
        }
    }

    public static async Task<CommandServices> StartAsync(IHost host, string? connectionString, CancellationToken cancellationToken)
    {
        var services = new CommandServices(host.Services);
        // A database chosen on the command line and not used would be worse than a refusal: the command would act
        // on another database than the one named.
        if (connectionString is not null && host.Services.GetRequiredService<CentralDatabase>().ConnectionString != ConnectionDefaults.Apply(connectionString))
        {
            throw new SubletCommandException("--connection was given, but the app had already chosen its database: run the command before anything resolves Sublet's services.");
        }

        await services._startup.StartAsync(cancellationToken);
        services._started = true;
        return services;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await _startup.StopAsync(CancellationToken.None);
        }
    }
}

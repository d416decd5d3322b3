using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Server;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 with a free port, on a database of its own loaded with the seed's
/// demo tenants. Requests carry real Host headers, as curl sends them to <c>company1.localhost</c>.
/// </summary>
public class ServerFixture(PostgresCluster cluster) : IAsyncLifetime
{
    private WebApplication? _app;

    public WebApplication App => _app ?? throw new InvalidOperationException("The server has not started.");

    public Uri Address { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public IServiceProvider Services => App.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>Extra connection string settings, e.g. a tiny pool.</summary>
    protected virtual string ConnectionOptions => string.Empty;

    /// <summary>Extra configuration as <c>key=value</c>.</summary>
    protected virtual IEnumerable<string> Settings => [];

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        ConnectionString = await cluster.CreateDatabaseAsync(cancellationToken) + ConnectionOptions;
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Sublet={ConnectionString}",
            "--Sublet:ServerName=localhost",
            "--Sublet:LoadDemo=true",
            "--Sublet:Passwords:Iterations=2000",
            "--Logging:LogLevel:Default=Warning",
            .. Settings.Select(setting => "--" + setting),
        ];
        _app = ServerApp.Build(args);
        await _app.StartAsync(cancellationToken);
        Address = new Uri(_app.Urls.First());
    }

    /// <summary>A client that sends every request with <c>Host: &lt;host&gt;:&lt;port&gt;</c>.</summary>
    public HostClient Client(string host) => new(Address, $"{host}:{Address.Port}");

    /// <summary>The address a browser uses for <paramref name="host"/>, e.g. <c>http://company1.localhost:&lt;port&gt;/</c>.</summary>
    public string UrlFor(string host, string path = "/") => $"http://{host}:{Address.Port}{path}";

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

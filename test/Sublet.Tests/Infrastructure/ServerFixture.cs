using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Server;
using Sublet.Tenancy;
using Sublet.Data;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 with a free port, on a database of its own loaded with the seed's
/// demo tenants. Requests carry real Host headers, as curl sends them to <c>company1.localhost</c>.
/// </summary>
public class ServerFixture(PostgresCluster cluster) : IAsyncLifetime
{
    private WebApplication? _app;
    private string[] _args = [];

    public WebApplication App => _app ?? throw new InvalidOperationException("The server has not started.");

    public Uri Address { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public IServiceProvider Services => App.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>The pool <paramref name="slug"/>'s queries lease from, to look at a connection as the next lease finds it.</summary>
    internal NpgsqlDataSource TenantPool(string slug)
    {
        var tenant = Services.GetRequiredService<ITenantCatalog>().TryGetTenant(slug, out var found) ? found : throw new InvalidOperationException(slug);
        return Services.GetRequiredService<ShardDataSources>().ForTenant(tenant).For(tenant);
    }

    /// <summary>Makes the server's database and returns its connection string: by default, a fresh one in the test run's cluster.</summary>
    protected virtual Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) => cluster.CreateDatabaseAsync(cancellationToken);

    /// <summary>Extra connection string settings, e.g. a tiny pool.</summary>
    protected virtual string ConnectionOptions => string.Empty;

    /// <summary>The connection string the server uses, e.g. through a proxy the test can cut; tests' own checks use <see cref="ConnectionString"/>.</summary>
    protected virtual string ServerConnectionString(string connectionString) => connectionString;

    /// <summary>Extra configuration as <c>key=value</c>.</summary>
    protected virtual IEnumerable<string> Settings => [];

    public virtual async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        ConnectionString = await CreateDatabaseAsync(cancellationToken) + ConnectionOptions;
        _args =
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Sublet={ServerConnectionString(ConnectionString)}",
            "--Sublet:ServerName=localhost",
            "--Sublet:LoadDemo=true",
            "--Sublet:Passwords:Iterations=2000",
            "--Logging:LogLevel:Default=Warning",
            // Generous enough for tests that log in again and again; rate limit tests set their own.
            "--Sublet:LoginLimits:PerUserPermitLimit=10000",
            "--Sublet:LoginLimits:PerAddressPermitLimit=10000",
            .. Settings.Select(setting => "--" + setting),
        ];
        _app = ServerApp.Build(_args);
        Configure(_app);
        await _app.StartAsync(cancellationToken);
        Address = new Uri(_app.Urls.First());
    }

    /// <summary>Another server process-alike on the same database and settings, on a port of its own; the caller stops it.</summary>
    public async Task<WebApplication> StartAnotherInstanceAsync(CancellationToken cancellationToken = default)
    {
        var app = ServerApp.Build(_args);
        Configure(app);
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>A client of another instance started with <see cref="StartAnotherInstanceAsync"/>.</summary>
    public static HostClient Client(WebApplication instance, string host)
    {
        var address = new Uri(instance.Urls.First());
        return new HostClient(address, $"{host}:{address.Port}");
    }

    /// <summary>Adds test-only endpoints or middleware before the server starts.</summary>
    protected virtual void Configure(WebApplication app)
    {
    }

    /// <summary>A client that sends every request with <c>Host: &lt;host&gt;:&lt;port&gt;</c>.</summary>
    public HostClient Client(string host) => new(Address, $"{host}:{Address.Port}");

    /// <summary>The address a browser uses for <paramref name="host"/>, e.g. <c>http://company1.localhost:&lt;port&gt;/</c>.</summary>
    public string UrlFor(string host, string path = "/") => $"http://{host}:{Address.Port}{path}";

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

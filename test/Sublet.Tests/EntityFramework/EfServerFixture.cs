using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sublet.Data;
using Sublet.EntityFrameworkCore;
using Sublet.Provisioning;
using Sublet.Tenancy;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.EntityFramework;

/// <summary>
/// A small app on Kestrel at 127.0.0.1 whose tenant tables come from EF Core migrations and whose endpoints
/// (<see cref="EfEndpoints"/>) reach them through <see cref="NotesDb"/>; the tenants <c>acme</c> and <c>globex</c>
/// each start with one note naming them.
/// </summary>
public class EfServerFixture(PostgresCluster cluster) : IAsyncLifetime
{
    public static readonly string[] Tenants = ["acme", "globex"];

    private WebApplication? _app;

    public WebApplication App => _app ?? throw new InvalidOperationException("The server has not started.");

    public IServiceProvider Services => App.Services;

    public Uri Address { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>Extra connection string settings, e.g. a tiny pool.</summary>
    protected virtual string ConnectionOptions => string.Empty;

    /// <summary>How many contexts the pool keeps.</summary>
    protected virtual int ContextPoolSize => 1024;

    public static string OwnNote(string slug) => $"{slug} note";

    public virtual async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        ConnectionString = await cluster.CreateDatabaseAsync(cancellationToken) + ConnectionOptions;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls=http://127.0.0.1:0"] });
        builder.Configuration["ConnectionStrings:Sublet"] = ConnectionString;
        builder.Configuration["Sublet:ServerName"] = "localhost";
        builder.Configuration["Sublet:Limits:QueuedRequestsPerTenant"] = "10000";
        builder.Logging.ClearProviders();
        builder.Services.AddSublet().AddTenantMigrations<NotesDb>();
        builder.Services.AddTenantDbContext<NotesDb>(configure: EfTestOptions.FailOnManyServiceProviders, poolSize: ContextPoolSize);
        _app = builder.Build();
        _app.UseSublet();
        EfEndpoints.Map(_app);

        // The tenant pool's connection taken as a plain one, without the lease's reset: what the next lease would inherit.
        _app.MapGet("/ef/probe", async (Sublet.Core.Tenant tenant, CancellationToken cancellationToken) =>
        {
            await using var command = TenantPool(tenant.Slug).CreateCommand("SHOW search_path");
            return Results.Text((string?)await command.ExecuteScalarAsync(cancellationToken));
        }).RequireTenant();
        await _app.StartAsync(cancellationToken);
        Address = new Uri(_app.Urls.First());

        var contexts = Services.GetRequiredService<ITenantDbContextFactory<NotesDb>>();
        foreach (var slug in Tenants)
        {
            await Services.GetRequiredService<ITenantProvisioner>().CreateAsync(slug, cancellationToken: cancellationToken);
            await using var scope = await contexts.CreateForTenantAsync(slug, cancellationToken);
            scope.Context.Notes.Add(new Note { Text = OwnNote(slug) });
            await scope.Context.SaveChangesAsync(cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }
    }

    /// <summary>A client that sends every request with <c>Host: &lt;slug&gt;.localhost:&lt;port&gt;</c>.</summary>
    public HostClient Client(string slug) => new(Address, $"{slug}.localhost:{Address.Port}");

    /// <summary>The pool <paramref name="slug"/>'s tenant connections come from, to look at a connection as the next lease finds it.</summary>
    public NpgsqlDataSource TenantPool(string slug)
    {
        var tenant = Services.GetRequiredService<ITenantCatalog>().TryGetTenant(slug, out var found) ? found : throw new InvalidOperationException(slug);
        return Services.GetRequiredService<ShardDataSources>().ForTenant(tenant).For(tenant);
    }

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

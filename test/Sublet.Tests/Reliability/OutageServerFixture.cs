using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Sublet.Data;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Reliability;

/// <summary>The server reaching its database through a proxy the tests cut and restore, with an endpoint that holds a query open.</summary>
public sealed class OutageServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    /// <summary>The query <c>/test/sleep</c> runs, marked so the test can find its backend.</summary>
    public const string SleepSql = "SELECT pg_sleep(30) /* outage test */";

    private TcpProxy? _proxy;

    public TcpProxy Proxy => _proxy ?? throw new InvalidOperationException("The proxy has not started.");

    protected override string ServerConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _proxy = TcpProxy.Start(builder.Host!, builder.Port);
        builder.Host = "127.0.0.1";
        builder.Port = _proxy.Port;
        return builder.ConnectionString;
    }

    protected override void Configure(WebApplication app) =>
        app.MapGet("/test/sleep", async (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var connection = await database.OpenAsync(tenant, cancellationToken);
            await using var sleep = connection.CreateCommand(SleepSql);
            await sleep.ExecuteNonQueryAsync(cancellationToken);
            return Results.Ok();
        }).RequireTenant();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }
}

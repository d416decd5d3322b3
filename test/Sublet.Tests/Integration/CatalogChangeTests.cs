using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sublet.Provisioning;
using Sublet.Tenancy;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>Changes made by another process reach a running server through the catalog's notifications.</summary>
public sealed class CatalogChangeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_server_sees_a_tenant_created_by_another_process_within_a_second()
    {
        await using var other = await SubletHost.StartAsync(server.ConnectionString, Token);
        await other.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("elsewhere", cancellationToken: Token);

        var elapsed = await TimeUntilAsync("elsewhere.localhost", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1));

        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"The server took {elapsed.TotalMilliseconds:F0} ms to see the new tenant.");
    }

    [Fact]
    public async Task A_running_server_sees_another_process_suspend_and_rename_a_tenant()
    {
        await using var other = await SubletHost.StartAsync(server.ConnectionString, Token);
        var lifecycle = other.Services.GetRequiredService<ITenantLifecycle>();
        await other.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("moving", cancellationToken: Token);
        await TimeUntilAsync("moving.localhost", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1));

        await lifecycle.SuspendAsync("moving", Token);
        Assert.True(await TimeUntilAsync("moving.localhost", HttpStatusCode.Forbidden, TimeSpan.FromSeconds(1)) < TimeSpan.FromSeconds(1));

        await lifecycle.RenameAsync("moving", "moved", Token);
        Assert.True(await TimeUntilAsync("moving.localhost", HttpStatusCode.NotFound, TimeSpan.FromSeconds(1)) < TimeSpan.FromSeconds(1));
        Assert.True(await TimeUntilAsync("moved.localhost", HttpStatusCode.Forbidden, TimeSpan.FromSeconds(1)) < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_listener_reconnects_after_its_connection_is_killed()
    {
        var killed = await Database.CountAsync(
            server.DataSource,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'sublet-change-listener' AND datname = current_database()");
        Assert.Equal(1, killed);

        await using var other = await SubletHost.StartAsync(server.ConnectionString, Token);
        // Let the listener notice and reconnect; a tenant created meanwhile is picked up by the reload after LISTEN.
        await other.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("after-outage", cancellationToken: Token);

        Assert.True(await TimeUntilAsync("after-outage.localhost", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(3)) < TimeSpan.FromSeconds(3));
        await WaitForListenerAsync();
        await other.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("after-reconnect", cancellationToken: Token);
        Assert.True(await TimeUntilAsync("after-reconnect.localhost", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1)) < TimeSpan.FromSeconds(1));
        Assert.True(server.Services.GetRequiredService<ITenantCatalog>().TryGetTenant("after-reconnect", out _));
    }

    private async Task WaitForListenerAsync() =>
        await Poll.UntilAsync(
            async () => await Database.CountAsync(server.DataSource, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sublet-change-listener' AND datname = current_database() AND query LIKE 'LISTEN%'") == 1,
            TimeSpan.FromSeconds(5),
            TimeSpan.FromMilliseconds(50));

    /// <summary>Polls the host until it answers <paramref name="expected"/>; returns how long that took.</summary>
    private async Task<TimeSpan> TimeUntilAsync(string host, HttpStatusCode expected, TimeSpan limit)
    {
        using var client = server.Client(host);
        return await Poll.TimeUntilAsync(async () => (await client.GetAsync("/data")).StatusCode == expected, limit);
    }
}

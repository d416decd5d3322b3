using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sublet.Core;
using Sublet.Provisioning;
using Sublet.Tenancy;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// A notification names the tenant that changed and a running server reads that one row, not the whole catalog; after
/// the listener reconnects it reads everything again.
/// </summary>
public sealed class CatalogIncrementalChangeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ITenantCatalog Catalog => server.Services.GetRequiredService<ITenantCatalog>();

    [Fact]
    public async Task A_change_reads_only_the_tenant_it_names_and_a_reconnect_reads_everything_again()
    {
        // The listener reads the whole catalog once it listens: a change seen first proves that read is behind us.
        await using var other = await SubletHost.StartAsync(server.ConnectionString, Token);
        await other.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("heard-first", cancellationToken: Token);
        Assert.True(await Poll.UntilAsync(() => Catalog.TryGetTenant("heard-first", out _), Limit, cancellationToken: Token));

        // A row slipped in with triggers off sends no notification: only a full read of the table can find it.
        await Database.ExecuteAsync(
            server.DataSource,
            "BEGIN; SET LOCAL session_replication_role = replica; INSERT INTO sublet.tenant (slug, schema_name) VALUES ('unannounced', 'unannounced'); COMMIT;");
        await other.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("announced", cancellationToken: Token);

        Assert.True(await AnswersAsync("announced", HttpStatusCode.Unauthorized));
        Assert.False(Catalog.TryGetTenant("unannounced", out _));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("unannounced"));

        var killed = await Database.CountAsync(
            server.DataSource,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'sublet-change-listener' AND datname = current_database()");
        Assert.Equal(1, killed);

        Assert.True(await Poll.UntilAsync(() => Catalog.TryGetTenant("unannounced", out _), Limit, cancellationToken: Token));
    }

    [Fact]
    public async Task Create_suspend_resume_rename_and_delete_each_reach_a_running_server_by_the_tenant_they_name()
    {
        await using var other = await SubletHost.StartAsync(server.ConnectionString, Token);
        var lifecycle = other.Services.GetRequiredService<ITenantLifecycle>();
        await other.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("stepping", cancellationToken: Token);
        await other.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("bystander", cancellationToken: Token);
        Assert.True(await AnswersAsync("stepping", HttpStatusCode.Unauthorized));

        await lifecycle.SuspendAsync("stepping", Token);
        Assert.True(await AnswersAsync("stepping", HttpStatusCode.Forbidden));

        await lifecycle.ResumeAsync("stepping", Token);
        Assert.True(await AnswersAsync("stepping", HttpStatusCode.Unauthorized));

        await lifecycle.RenameAsync("stepping", "stepped", Token);
        Assert.True(await AnswersAsync("stepped", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("stepping"));

        await lifecycle.DeleteAsync("stepped", cancellationToken: Token);
        Assert.True(await AnswersAsync("stepped", HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("bystander"));
    }

    [Fact]
    public async Task Many_changes_committed_together_all_reach_a_running_server()
    {
        await using var other = await SubletHost.StartAsync(server.ConnectionString, Token);
        var provisioner = other.Services.GetRequiredService<ITenantProvisioner>();
        await provisioner.CreateAsync("batch-suspended", cancellationToken: Token);
        await provisioner.CreateAsync("batch-deleted", cancellationToken: Token);
        Assert.True(await Poll.UntilAsync(() => Catalog.TryGetTenant("batch-deleted", out _), Limit, cancellationToken: Token));

        await Database.ExecuteAsync(
            server.DataSource,
            """
            BEGIN;
            INSERT INTO sublet.tenant (slug, schema_name) SELECT 'batch' || i, 'batch' || i FROM generate_series(1, 40) AS i;
            UPDATE sublet.tenant SET status = 'suspended' WHERE slug = 'batch-suspended';
            DELETE FROM sublet.tenant WHERE slug = 'batch-deleted';
            COMMIT;
            """);

        Assert.True(await Poll.UntilAsync(() => Catalog.TryGetTenant("batch40", out _) && !Catalog.TryGetTenant("batch-deleted", out _), Limit, cancellationToken: Token));
        Assert.All(Enumerable.Range(1, 40), i => Assert.True(Catalog.TryGetTenant($"batch{i}", out _)));
        Assert.True(Catalog.TryGetTenant("batch-suspended", out var suspended));
        Assert.Equal(TenantStatus.Suspended, suspended.Status);
    }

    [Fact]
    public async Task A_bulk_import_larger_than_a_read_per_tenant_is_worth_is_read_whole()
    {
        var count = CatalogChangeHandler.MostTenantsReadOneByOne + 1;
        await Database.ExecuteAsync(
            server.DataSource,
            $"INSERT INTO sublet.tenant (slug, schema_name) SELECT 'bulk' || i, 'bulk' || i FROM generate_series(1, {count}) AS i");

        Assert.True(await Poll.UntilAsync(() => Catalog.TryGetTenant($"bulk{count}", out _), Limit, cancellationToken: Token));
        Assert.Equal(count, Catalog.Tenants.Count(tenant => tenant.Slug.StartsWith("bulk", StringComparison.Ordinal)));
    }

    private async Task<bool> AnswersAsync(string slug, HttpStatusCode expected)
    {
        using var client = server.Client($"{slug}.localhost");
        return await client.WaitForStatusAsync("/data", expected, Limit) == expected;
    }

    private async Task<HttpStatusCode> StatusAsync(string slug)
    {
        using var client = server.Client($"{slug}.localhost");
        return (await client.GetAsync("/data")).StatusCode;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Sublet.Core;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The tenant list in pages and with filters, so a catalog of many tenants never has to be read whole.</summary>
public sealed class TenantListTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ITenantLifecycle Lifecycle => server.Services.GetRequiredService<ITenantLifecycle>();

    [Fact]
    public async Task Pages_follow_each_other_by_the_last_slug_and_together_hold_every_matching_tenant_once()
    {
        await Database.ExecuteAsync(server.DataSource, "INSERT INTO sublet.tenant (slug, schema_name) SELECT 'page' || i, 'page' || i FROM generate_series(10, 34) AS i");

        var seen = new List<string>();
        string? after = null;
        IReadOnlyList<TenantInfo> page;
        do
        {
            page = await Lifecycle.ListAsync(new TenantListQuery { Prefix = "page", After = after, Limit = 10 }, Token);
            Assert.True(page.Count <= 10);
            seen.AddRange(page.Select(tenant => tenant.Slug));
            after = page.Count > 0 ? page[^1].Slug : after;
        }
        while (page.Count == 10);

        Assert.Equal(Enumerable.Range(10, 25).Select(i => $"page{i}"), seen);
    }

    [Fact]
    public async Task Filters_by_prefix_status_and_shard_combine()
    {
        await Database.ExecuteAsync(
            server.DataSource,
            "INSERT INTO sublet.tenant (slug, schema_name, status) VALUES ('filter-a', 'filter_a', 'active'), ('filter-b', 'filter_b', 'suspended'), ('other-c', 'other_c', 'suspended')");

        var suspended = await Lifecycle.ListAsync(new TenantListQuery { Prefix = "filter-", Status = TenantStatus.Suspended }, Token);
        var onDefault = await Lifecycle.ListAsync(new TenantListQuery { Prefix = "filter-", Shard = ShardNames.Default }, Token);
        var onNone = await Lifecycle.ListAsync(new TenantListQuery { Prefix = "filter-", Shard = "nowhere" }, Token);

        Assert.Equal(["filter-b"], suspended.Select(tenant => tenant.Slug));
        Assert.Equal(["filter-a", "filter-b"], onDefault.Select(tenant => tenant.Slug));
        Assert.Empty(onNone);
    }

    [Fact]
    public async Task A_limit_below_one_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Lifecycle.ListAsync(new TenantListQuery { Limit = 0 }, Token));
    }
}

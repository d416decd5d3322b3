using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sublet.Core;
using Sublet.Domains;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Domains;

/// <summary>Custom domains in the catalog: one tenant each, one primary, and what the tenant's lifecycle does to them.</summary>
public sealed class DomainCatalogTests(DomainServerFixture server) : IClassFixture<DomainServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ITenantLifecycle Lifecycle => server.Services.GetRequiredService<ITenantLifecycle>();

    [Fact]
    public async Task A_domain_is_stored_normalised_and_another_spelling_of_it_is_the_same_domain()
    {
        await TestTenant.CreateAsync(server, "norm-a", ["ann"], Token);
        await TestTenant.CreateAsync(server, "norm-b", ["bob"], Token);

        var added = await server.Domains.AddAsync("norm-a", "  Büro.Norm-Test.EXAMPLE. ", cancellationToken: Token);

        Assert.Equal("xn--bro-hoa.norm-test.example", added.Domain);
        Assert.Equal(DomainStatus.Active, added.Status);
        Assert.True(added.IsPrimary);
        var taken = await Assert.ThrowsAsync<DomainException>(() => server.Domains.AddAsync("norm-b", "XN--BRO-HOA.norm-test.example", cancellationToken: Token));
        Assert.Equal(DomainError.Taken, taken.Error);
        using var client = server.Client("XN--BRO-HOA.Norm-Test.Example.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_has_one_primary_the_first_active_domain_until_another_is_chosen_or_it_is_removed()
    {
        await TestTenant.CreateAsync(server, "prim", ["pat"], Token);
        await server.Domains.AddAsync("prim", "one.prim.example", cancellationToken: Token);
        await server.Domains.AddAsync("prim", "two.prim.example", cancellationToken: Token);
        await server.Domains.ClaimAsync("prim", "three.prim.example", Token);

        Assert.Equal(["one.prim.example"], Primaries(await server.Domains.ListAsync("prim", Token)));
        await server.Domains.SetPrimaryAsync("prim", "two.prim.example", Token);
        Assert.Equal(["two.prim.example"], Primaries(await server.Domains.ListAsync("prim", Token)));
        var pending = await Assert.ThrowsAsync<DomainException>(() => server.Domains.SetPrimaryAsync("prim", "three.prim.example", Token));
        Assert.Equal(DomainError.NotVerified, pending.Error);

        await server.Domains.RemoveAsync("prim", "two.prim.example", Token);

        Assert.Equal(["one.prim.example"], Primaries(await server.Domains.ListAsync("prim", Token)));
        Assert.Equal(1, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant_domain WHERE tenant = 'prim' AND is_primary"));
    }

    [Fact]
    public async Task A_custom_domain_serves_its_tenant_after_login_and_a_pending_or_unknown_one_answers_404()
    {
        var tenant = await TestTenant.CreateAsync(server, "route", ["rita"], Token);
        await server.Domains.AddAsync("route", "app.route.example", cancellationToken: Token);
        await server.Domains.ClaimAsync("route", "pending.route.example", Token);
        using var custom = server.Client("app.route.example");

        Assert.Equal(HttpStatusCode.OK, (await custom.LoginAsync("rita")).StatusCode);
        await HostClient.AssertOnlyRowsOfAsync(await custom.GetAsync("/data"), tenant.DataRow, "company 1 data");
        using var pending = server.Client("pending.route.example");
        Assert.Equal(HttpStatusCode.NotFound, (await pending.GetAsync("/data")).StatusCode);
        using var unknown = server.Client("nobody.route.example");
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task A_rename_keeps_the_domains_a_suspension_blocks_them_and_a_deletion_removes_them()
    {
        await TestTenant.CreateAsync(server, "life-old", ["lou"], Token);
        await server.Domains.AddAsync("life-old", "app.life.example", cancellationToken: Token);
        using var custom = server.Client("app.life.example");

        await Lifecycle.RenameAsync("life-old", "life-new", Token);
        Assert.Equal(HttpStatusCode.OK, await Tool.WaitForStatusAsync(custom, "/", HttpStatusCode.OK));
        Assert.Equal(["app.life.example"], (await server.Domains.ListAsync("life-new", Token)).Select(domain => domain.Domain));
        Assert.Equal(HttpStatusCode.OK, (await custom.LoginAsync("lou")).StatusCode);

        await Lifecycle.SuspendAsync("life-new", Token);
        var suspended = await custom.GetAsync("/data");
        Assert.Equal(HttpStatusCode.Forbidden, suspended.StatusCode);
        Assert.Equal("Tenant suspended", (await HostClient.JsonAsync(suspended)).GetProperty("title").GetString());

        await Lifecycle.DeleteAsync("life-new", cancellationToken: Token);
        Assert.Equal(HttpStatusCode.NotFound, await Tool.WaitForStatusAsync(custom, "/data", HttpStatusCode.NotFound));
        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant_domain WHERE domain = 'app.life.example'"));
    }

    [Fact]
    public async Task Another_instance_on_the_same_database_routes_an_added_domain_and_forgets_a_removed_one_within_a_second()
    {
        await TestTenant.CreateAsync(server, "spread", ["sam"], Token);
        var other = await server.StartAnotherInstanceAsync(Token);
        try
        {
            using var client = ServerFixture.Client(other, "app.spread.example");
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/data")).StatusCode);
            // The new instance follows changes once its listener is up; what came before, its start-up read.
            Assert.True(await Poll.UntilAsync(
                async () => await Database.CountAsync(
                    server.DataSource,
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sublet-change-listener' AND datname = current_database() AND query LIKE 'LISTEN%'") == 2,
                TimeSpan.FromSeconds(10),
                cancellationToken: Token));

            await server.Domains.AddAsync("spread", "app.spread.example", cancellationToken: Token);
            var seen = await Poll.TimeUntilAsync(async () => (await client.GetAsync("/data")).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1));
            Assert.True(seen < TimeSpan.FromSeconds(1), "The other instance did not route the new domain within a second.");

            await server.Domains.RemoveAsync("spread", "app.spread.example", Token);
            var forgotten = await Poll.TimeUntilAsync(async () => (await client.GetAsync("/data")).StatusCode == HttpStatusCode.NotFound, TimeSpan.FromSeconds(1));
            Assert.True(forgotten < TimeSpan.FromSeconds(1), "The other instance still routed the removed domain after a second.");
        }
        finally
        {
            await other.StopAsync(Token);
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_commands_add_list_choose_the_primary_and_remove_and_a_taken_domain_is_one_line_and_exit_1()
    {
        await TestTenant.CreateAsync(server, "cli-dom", ["cid"], Token);
        await TestTenant.CreateAsync(server, "cli-other", ["cio"], Token);

        var add = await Tool.RunAsync(server.ConnectionString, ["domains", "add", "cli-dom", "a.cli.example"]);
        Assert.Equal((0, "Added a.cli.example to cli-dom (primary).\n"), (add.ExitCode, add.Output));
        Assert.Equal(0, (await Tool.RunAsync(server.ConnectionString, ["domains", "add", "cli-dom", "b.cli.example"])).ExitCode);
        Assert.Equal(0, (await Tool.RunAsync(server.ConnectionString, ["domains", "primary", "cli-dom", "B.cli.example"])).ExitCode);
        var list = await Tool.RunAsync(server.ConnectionString, ["domains", "list", "cli-dom"]);
        Assert.Equal("b.cli.example  primary\na.cli.example  active\n", list.Output);

        var taken = await Tool.RunAsync(server.ConnectionString, ["domains", "add", "cli-other", "a.cli.example"]);
        Assert.Equal(1, taken.ExitCode);
        Assert.Equal("sublet: 'a.cli.example' belongs to another tenant.\n", taken.Error);
        var reserved = await Tool.RunAsync(server.ConnectionString, ["domains", "add", "cli-other", "x.localhost"]);
        Assert.Equal(1, reserved.ExitCode);
        Assert.Single(reserved.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(0, (await Tool.RunAsync(server.ConnectionString, ["domains", "remove", "cli-dom", "a.cli.example"])).ExitCode);
        using var removed = server.Client("a.cli.example");
        Assert.Equal(HttpStatusCode.NotFound, await Tool.WaitForStatusAsync(removed, "/data", HttpStatusCode.NotFound));
        Assert.Equal(1, (await Tool.RunAsync(server.ConnectionString, ["domains", "remove", "cli-dom", "a.cli.example"])).ExitCode);
    }

    [Fact]
    public async Task The_admin_api_adds_lists_chooses_and_removes_domains_and_refuses_bad_ones_with_problems()
    {
        await TestTenant.CreateAsync(server, "api-dom", ["ada"], Token);
        using var central = server.Client("localhost");
        (string, string)[] bearer = [("Authorization", $"Bearer {DomainServerFixture.AdminToken}")];

        var created = await central.SendAsync(HttpMethod.Post, "/api/tenants/api-dom/domains", JsonContent.Create(new { domain = "App.Api.Example" }), headers: bearer);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("app.api.example", (await HostClient.JsonAsync(created)).GetProperty("domain").GetString());

        var listed = await central.SendAsync(HttpMethod.Get, "/api/tenants/api-dom/domains", headers: bearer);
        Assert.Equal("app.api.example", (await HostClient.JsonAsync(listed))[0].GetProperty("domain").GetString());

        foreach (var (domain, status) in new[] { ("10.1.2.3", HttpStatusCode.BadRequest), ("api.localhost", HttpStatusCode.Conflict), ("no_underscores.example", HttpStatusCode.BadRequest) })
        {
            var refused = await central.SendAsync(HttpMethod.Post, "/api/tenants/api-dom/domains", JsonContent.Create(new { domain }), headers: bearer);
            Assert.Equal(status, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await central.SendAsync(HttpMethod.Post, "/api/tenants/nobody/domains", JsonContent.Create(new { domain = "x.api.example" }), headers: bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await central.SendAsync(HttpMethod.Post, "/api/tenants/api-dom/domains", JsonContent.Create(new { domain = "y.api.example" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await central.SendAsync(HttpMethod.Post, "/api/tenants/api-dom/domains/app.api.example/primary", headers: bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await central.SendAsync(HttpMethod.Delete, "/api/tenants/api-dom/domains/app.api.example", headers: bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await central.SendAsync(HttpMethod.Delete, "/api/tenants/api-dom/domains/app.api.example", headers: bearer)).StatusCode);
    }

    private static string[] Primaries(IEnumerable<TenantDomain> domains) => [.. domains.Where(domain => domain.IsPrimary).Select(domain => domain.Domain)];
}

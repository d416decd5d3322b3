using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>Changes made with the tool end the sessions they should, as a running server sees them.</summary>
public sealed class SessionRevocationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_password_change_ends_that_users_sessions_only()
    {
        await TestTenant.CreateAsync(server, "passwd-ends", ["alice", "bob"], TestContext.Current.CancellationToken);
        using var alice = await LoggedInAsync("passwd-ends", "alice");
        using var bob = await LoggedInAsync("passwd-ends", "bob");

        await RunAsync(["users", "passwd", "alice", "--tenant", "passwd-ends"], stdin: "new password\n");

        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task Removing_a_user_ends_their_sessions()
    {
        await TestTenant.CreateAsync(server, "remove-ends", ["alice", "bob"], TestContext.Current.CancellationToken);
        using var alice = await LoggedInAsync("remove-ends", "alice");
        using var bob = await LoggedInAsync("remove-ends", "bob");

        await RunAsync(["users", "remove", "alice", "--tenant", "remove-ends"]);

        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task A_suspended_tenant_comes_back_without_its_old_sessions()
    {
        await TestTenant.CreateAsync(server, "suspend-ends", ["alice"], TestContext.Current.CancellationToken);
        using var alice = await LoggedInAsync("suspend-ends", "alice");
        using var company1 = await LoggedInAsync("company1", "user_1");

        await RunAsync(["tenants", "suspend", "suspend-ends"]);
        Assert.Equal(HttpStatusCode.Forbidden, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.Forbidden));
        await RunAsync(["tenants", "resume", "suspend-ends"]);

        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task A_renamed_tenant_does_not_accept_sessions_issued_under_its_old_slug()
    {
        await TestTenant.CreateAsync(server, "before-rename", ["alice"], TestContext.Current.CancellationToken);
        using var alice = await LoggedInAsync("before-rename", "alice");

        await RunAsync(["tenants", "rename", "before-rename", "after-rename"]);

        Assert.Equal(HttpStatusCode.NotFound, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.NotFound));
        using var renamed = server.Client("after-rename.localhost");
        renamed.Cookie = alice.Cookie;
        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(renamed, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.session WHERE tenant IN ('before-rename', 'after-rename')"));
        Assert.Equal(HttpStatusCode.OK, (await renamed.LoginAsync("alice")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_made_again_under_a_deleted_slug_does_not_accept_the_old_sessions()
    {
        await TestTenant.CreateAsync(server, "deleted-again", ["alice"], TestContext.Current.CancellationToken);
        using var alice = await LoggedInAsync("deleted-again", "alice");

        await RunAsync(["tenants", "delete", "deleted-again"]);
        Assert.Equal(HttpStatusCode.NotFound, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.NotFound));
        await TestTenant.CreateAsync(server, "deleted-again", ["alice"], TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Logout_all_ends_one_users_sessions_or_the_whole_tenants()
    {
        await TestTenant.CreateAsync(server, "logout-all", ["alice", "bob"], TestContext.Current.CancellationToken);
        using var alice = await LoggedInAsync("logout-all", "alice");
        using var bob = await LoggedInAsync("logout-all", "bob");
        using var company2 = await LoggedInAsync("company2", "user_2");

        var one = await RunAsync(["users", "logout-all", "alice", "--tenant", "logout-all"]);
        Assert.Contains("Ended 1 sessions of alice", one.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/data")).StatusCode);

        await alice.LoginAsync("alice");
        var all = await RunAsync(["users", "logout-all", "--tenant", "logout-all"]);
        Assert.Contains("Ended 2 sessions in tenant logout-all", all.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(bob, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await company2.GetAsync("/data")).StatusCode);
    }

    private async Task<HostClient> LoggedInAsync(string slug, string user)
    {
        var client = server.Client($"{slug}.localhost");
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(user)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/data")).StatusCode);
        return client;
    }

    private async Task<ToolResult> RunAsync(string[] args, string stdin = "")
    {
        var result = await Tool.RunAsync(server.ConnectionString, args, stdin);
        Assert.True(result.ExitCode == 0, result.Error);
        return result;
    }
}

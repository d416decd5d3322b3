using System.Net;
using Npgsql;
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
    public async Task A_login_that_finishes_after_its_tenant_was_suspended_makes_no_session()
    {
        var token = TestContext.Current.CancellationToken;
        await TestTenant.CreateAsync(server, "suspend-race", ["alice"], token);
        var schema = await SchemaOfAsync("suspend-race");
        using var alice = server.Client("suspend-race.localhost");

        // Hold the login at its read of the user, past the host check, while the tool suspends the tenant.
        var login = await LoginWhileHoldingAsync(alice, $"LOCK TABLE {schema}.app_user IN ACCESS EXCLUSIVE MODE", "%app_user%",
            (_, _) => RunAsync(["tenants", "suspend", "suspend-race"]), commit: false);

        using var response = await login;
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.session WHERE tenant = 'suspend-race'"));

        // Resumed, the tenant has no session from that login, and new logins work.
        await RunAsync(["tenants", "resume", "suspend-race"]);
        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await alice.LoginAsync("alice")).StatusCode);
    }

    [Fact]
    public async Task A_login_storing_its_session_while_a_suspension_holds_the_tenant_waits_and_makes_none()
    {
        var token = TestContext.Current.CancellationToken;
        await TestTenant.CreateAsync(server, "suspend-locked", ["alice"], token);
        using var alice = server.Client("suspend-locked.localhost");

        // A suspension's transaction as the tool runs it: the row locked, the sessions deleted, the status changed.
        var login = await LoginWhileHoldingAsync(alice, "SELECT 1 FROM sublet.tenant WHERE slug = 'suspend-locked' FOR UPDATE", "%INSERT INTO sublet.session%",
            async (connection, suspension) =>
            {
                await ExecuteAsync(connection, suspension, "DELETE FROM sublet.session WHERE tenant = 'suspend-locked'");
                await ExecuteAsync(connection, suspension, "UPDATE sublet.tenant SET status = 'suspended' WHERE slug = 'suspend-locked'");
            },
            commit: true);

        using var response = await login;
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.session WHERE tenant = 'suspend-locked'"));
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

    private async Task<string> SchemaOfAsync(string slug)
    {
        await using var command = server.DataSource.CreateCommand("SELECT quote_ident(schema_name) FROM sublet.tenant WHERE slug = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>
    /// Starts <paramref name="client"/>'s login while a transaction of the test's holds <paramref name="lockSql"/>; once
    /// the login waits on a lock (its query like <paramref name="waitingFor"/>), runs <paramref name="meanwhile"/> and
    /// ends the transaction. Returns the login, still in flight.
    /// </summary>
    private async Task<Task<HttpResponseMessage>> LoginWhileHoldingAsync(
        HostClient client, string lockSql, string waitingFor, Func<NpgsqlConnection, NpgsqlTransaction, Task> meanwhile, bool commit)
    {
        var token = TestContext.Current.CancellationToken;
        await using var connection = await server.DataSource.OpenConnectionAsync(token);
        await using var transaction = await connection.BeginTransactionAsync(token);
        await ExecuteAsync(connection, transaction, lockSql);
        var login = client.LoginAsync("alice");
        await WaitUntilAsync(async () => await Database.CountAsync(server.DataSource,
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1", waitingFor) > 0);
        await meanwhile(connection, transaction);
        await (commit ? transaction.CommitAsync(token) : transaction.RollbackAsync(token));
        return login;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Assert.True(await Poll.UntilAsync(condition, TimeSpan.FromSeconds(30)), "The condition did not come true in 30 s.");

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

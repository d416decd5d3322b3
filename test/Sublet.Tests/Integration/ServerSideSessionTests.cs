using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sublet.Sessions;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>Sessions live in the database: the cookie is only an id, and deleting the row ends the session.</summary>
public sealed class ServerSideSessionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ITenantSessions Sessions => server.Services.GetRequiredService<ITenantSessions>();

    [Fact]
    public async Task A_cookie_replayed_after_logout_is_401()
    {
        using var company1 = server.Client("company1.localhost");
        await company1.LoginAsync("user_1");
        var stolen = company1.Cookie;
        // Used once first, so the server has the cookie unprotected in memory: that must not outlive the session.
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company1.PostFormAsync("/logout")).StatusCode);

        company1.Cookie = stolen;
        var replayed = await company1.GetAsync("/data");

        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task A_cookie_altered_by_one_character_is_401_even_while_the_genuine_one_is_in_use()
    {
        using var company1 = server.Client("company1.localhost");
        await company1.LoginAsync("user_1");
        var genuine = company1.Cookie!;
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);

        var middle = genuine.Length / 2;
        company1.Cookie = genuine[..middle] + (genuine[middle] == 'A' ? 'B' : 'A') + genuine[(middle + 1)..];
        Assert.Equal(HttpStatusCode.Unauthorized, (await company1.GetAsync("/data")).StatusCode);

        company1.Cookie = genuine;
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task Each_login_gets_a_new_session_id_and_the_old_one_ends()
    {
        using var company1 = server.Client("company1.localhost");
        await company1.LoginAsync("user_1");
        var first = company1.Cookie;
        await company1.LoginAsync("user_1");
        var second = company1.Cookie;

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);
        company1.Cookie = first;
        Assert.Equal(HttpStatusCode.Unauthorized, (await company1.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task The_cookie_carries_no_claims_only_a_session_id()
    {
        using var company1 = server.Client("company1.localhost");
        await company1.LoginAsync("user_1");

        await using var command = server.DataSource.CreateCommand("SELECT count(*) FROM sublet.session WHERE tenant = 'company1' AND user_name = 'user_1'");
        Assert.True((long)(await command.ExecuteScalarAsync(Cancellation))! >= 1);
        // A protected ticket with the user's claims is several hundred characters; a protected session id is far less.
        Assert.InRange(company1.Cookie!.Length, 1, 400);
    }

    [Fact]
    public async Task Revoking_a_user_ends_only_that_users_sessions()
    {
        var provisioned = await NewTenantWithUsersAsync("revoke-user", "alice", "bob");
        using var alice = server.Client("revoke-user.localhost");
        using var bob = server.Client("revoke-user.localhost");
        await alice.LoginAsync("alice");
        await bob.LoginAsync("bob");

        Assert.Equal(1, await Sessions.RevokeUserAsync("revoke-user", "alice", Cancellation));

        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task Revoking_a_tenant_ends_its_sessions_and_no_other_tenants()
    {
        var provisioned = await NewTenantWithUsersAsync("revoke-tenant", "alice", "bob");
        using var alice = server.Client("revoke-tenant.localhost");
        using var bob = server.Client("revoke-tenant.localhost");
        using var company2 = server.Client("company2.localhost");
        await alice.LoginAsync("alice");
        await bob.LoginAsync("bob");
        await company2.LoginAsync("user_2");

        Assert.Equal(2, await Sessions.RevokeTenantAsync("revoke-tenant", Cancellation));

        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("/data")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bob.GetAsync("/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company2.GetAsync("/data")).StatusCode);
    }

    [Theory]
    [InlineData("idle_expires_at")]
    [InlineData("expires_at")]
    public async Task A_session_past_its_lifetime_is_refused_and_cleaned_up(string lifetimeColumn)
    {
        var provisioned = await NewTenantWithUsersAsync($"expire-{lifetimeColumn.Replace('_', '-')}", "alice");
        using var alice = server.Client($"{provisioned.Slug}.localhost");
        await alice.LoginAsync("alice");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/data")).StatusCode);

        // The column name is one of two fixed test values, never input.
        await using (var age = server.DataSource.CreateCommand($"UPDATE sublet.session SET {lifetimeColumn} = now() - interval '1 second' WHERE tenant = $1"))
        {
            age.Parameters.Add(new() { Value = provisioned.Slug });
            await age.ExecuteNonQueryAsync(Cancellation);
        }

        // The server's session cache learns of the change by notification, a moment after the commit.
        Assert.Equal(HttpStatusCode.Unauthorized, await alice.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5)));
        Assert.True(await Sessions.RemoveExpiredAsync(Cancellation) >= 1);
        Assert.Equal(0, await SessionCountAsync(provisioned.Slug));
    }

    [Fact]
    public async Task A_session_stored_for_one_tenant_is_not_read_on_another_tenants_host()
    {
        using var company1 = server.Client("company1.localhost");
        await company1.LoginAsync("user_1");
        using var company2 = server.Client("company2.localhost");
        company2.Cookie = company1.Cookie;

        Assert.Equal(HttpStatusCode.Unauthorized, (await company2.GetAsync("/data")).StatusCode);
        // The replay did not end the victim's session either.
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task A_second_instance_and_a_restart_on_the_same_database_accept_the_session()
    {
        using var company1 = server.Client("company1.localhost");
        await company1.LoginAsync("user_1");

        await using (var second = await server.StartAnotherInstanceAsync(Cancellation))
        {
            using var viaSecond = ServerFixture.Client(second, "company1.localhost");
            viaSecond.Cookie = company1.Cookie;
            var data = await viaSecond.GetAsync("/data");
            Assert.Equal(HttpStatusCode.OK, data.StatusCode);
            Assert.Contains("company 1 data", await data.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

            // Logging out on the second instance ends the session on the first.
            Assert.Equal(HttpStatusCode.OK, (await viaSecond.PostFormAsync("/logout")).StatusCode);
            await second.StopAsync(Cancellation);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await company1.GetAsync("/data")).StatusCode);
        await company1.LoginAsync("user_1");
        await using var restarted = await server.StartAnotherInstanceAsync(Cancellation);
        using var viaRestarted = ServerFixture.Client(restarted, "company1.localhost");
        viaRestarted.Cookie = company1.Cookie;
        Assert.Equal(HttpStatusCode.OK, (await viaRestarted.GetAsync("/data")).StatusCode);
        await restarted.StopAsync(Cancellation);
    }

    [Fact]
    public async Task A_session_cached_by_one_instance_ends_there_when_another_instance_logs_it_out()
    {
        using var company2 = server.Client("company2.localhost");
        await company2.LoginAsync("user_2");
        // Read twice: the first read caches the session in this instance, the second is served from the cache.
        Assert.Equal(HttpStatusCode.OK, (await company2.GetAsync("/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company2.GetAsync("/data")).StatusCode);

        await using var second = await server.StartAnotherInstanceAsync(Cancellation);
        using var viaSecond = ServerFixture.Client(second, "company2.localhost");
        viaSecond.Cookie = company2.Cookie;
        Assert.Equal(HttpStatusCode.OK, (await viaSecond.PostFormAsync("/logout")).StatusCode);

        // Well inside the cache's freshness window: only the notification can end it this soon.
        Assert.True(TimeSpan.FromSeconds(5) < server.Services.GetRequiredService<SessionCache>().Freshness);
        Assert.Equal(HttpStatusCode.Unauthorized, await company2.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5)));
        await second.StopAsync(Cancellation);
    }

    private async Task<long> SessionCountAsync(string slug)
    {
        await using var command = server.DataSource.CreateCommand("SELECT count(*) FROM sublet.session WHERE tenant = $1");
        command.Parameters.Add(new() { Value = slug });
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private Task<TestTenant> NewTenantWithUsersAsync(string slug, params string[] users) =>
        TestTenant.CreateAsync(server, slug, users, Cancellation);
}

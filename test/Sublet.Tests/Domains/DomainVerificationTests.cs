using System.Net;
using Sublet.Core;
using Sublet.Domains;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Domains;

/// <summary>
/// A tenant's own domain claim proven by a TXT record on a real DNS server (dnsmasq): pending and unrouted until the
/// record holds the token, and never a domain another tenant has.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class DomainVerificationTests(DnsServerFixture server) : IClassFixture<DnsServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_domain_claimed_from_the_tenants_api_routes_only_once_its_txt_record_holds_the_token()
    {
        var tenant = await TestTenant.CreateAsync(server, "claimer", ["cleo"], Token);
        using var own = server.Client("claimer.localhost");
        await own.LoginAsync("cleo");
        var claimed = await own.PostJsonAsync("/api/domains", new { domain = "App.Claimer.Test" });
        Assert.Equal(HttpStatusCode.Created, claimed.StatusCode);
        var body = await HostClient.JsonAsync(claimed);
        Assert.Equal("pending", body.GetProperty("status").GetString(), ignoreCase: true);
        var token = body.GetProperty("verificationToken").GetString()!;
        Assert.Equal("_sublet.app.claimer.test", body.GetProperty("verificationRecord").GetString());
        using var custom = server.Client("app.claimer.test");

        var unproven = await own.SendAsync(HttpMethod.Post, "/api/domains/app.claimer.test/verify");
        Assert.Equal(HttpStatusCode.Conflict, unproven.StatusCode);
        await server.Dns.ServeAsync(("_sublet.app.claimer.test", "not-the-token"), ("app.claimer.test", token));
        Assert.Equal(HttpStatusCode.Conflict, (await own.SendAsync(HttpMethod.Post, "/api/domains/app.claimer.test/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await custom.GetAsync("/data")).StatusCode);

        await server.Dns.ServeAsync(("_sublet.app.claimer.test", token));
        var verified = await own.SendAsync(HttpMethod.Post, "/api/domains/app.claimer.test/verify");

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("active", (await HostClient.JsonAsync(verified)).GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal(HttpStatusCode.OK, (await custom.LoginAsync("cleo")).StatusCode);
        await HostClient.AssertOnlyRowsOfAsync(await custom.GetAsync("/data"), tenant.DataRow, "company 1 data");
    }

    [Fact]
    public async Task The_periodic_check_activates_a_pending_domain_once_its_record_appears()
    {
        await TestTenant.CreateAsync(server, "later", ["lee"], Token);
        var pending = await server.Domains.ClaimAsync("later", "app.later.test", Token);
        using var custom = server.Client("app.later.test");
        Assert.Equal(HttpStatusCode.NotFound, (await custom.GetAsync("/data")).StatusCode);

        await server.Dns.ServeAsync((pending.VerificationRecord, pending.VerificationToken!));

        Assert.Equal(HttpStatusCode.Unauthorized, await custom.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10)));
        Assert.Equal(DomainStatus.Active, Assert.Single(await server.Domains.ListAsync("later", Token)).Status);
    }

    [Fact]
    public async Task A_domain_another_tenant_has_is_never_taken_over_whatever_its_record_holds()
    {
        await TestTenant.CreateAsync(server, "holder", ["hol"], Token);
        await TestTenant.CreateAsync(server, "grabber", ["gra"], Token);
        await server.Domains.AddAsync("holder", "app.holder.test", cancellationToken: Token);
        var holderPending = await server.Domains.ClaimAsync("holder", "new.holder.test", Token);
        await server.Dns.ServeAsync(("_sublet.app.holder.test", "grabbers-token"), (holderPending.VerificationRecord, "grabbers-token"));
        using var grabber = server.Client("grabber.localhost");
        await grabber.LoginAsync("gra");

        foreach (var domain in new[] { "app.holder.test", "NEW.holder.test" })
        {
            var claim = await grabber.PostJsonAsync("/api/domains", new { domain });
            Assert.Equal(HttpStatusCode.Conflict, claim.StatusCode);
            Assert.Equal("Domain taken", (await HostClient.JsonAsync(claim)).GetProperty("title").GetString());
            var taken = await Assert.ThrowsAsync<DomainException>(() => server.Domains.AddAsync("grabber", domain, cancellationToken: Token));
            Assert.Equal(DomainError.Taken, taken.Error);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await grabber.SendAsync(HttpMethod.Post, "/api/domains/app.holder.test/verify")).StatusCode);
        Assert.Equal(2, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant_domain WHERE tenant = 'holder'"));
    }

    [Fact]
    public async Task The_tenants_domain_api_needs_a_session_of_that_tenant()
    {
        using var anonymous = server.Client("company1.localhost");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/domains", new { domain = "x.anon.test" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client("localhost").PostJsonAsync("/api/domains", new { domain = "x.anon.test" })).StatusCode);
        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant_domain WHERE domain = 'x.anon.test'"));
    }
}

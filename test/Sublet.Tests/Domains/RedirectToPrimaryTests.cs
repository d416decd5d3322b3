using System.Net;

namespace Sublet.Tests.Domains;

/// <summary>With <c>Sublet:Domains:RedirectToPrimary</c>, the subdomain sends readers to the primary domain, never a login.</summary>
public sealed class RedirectToPrimaryTests(RedirectingDomainServerFixture server) : IClassFixture<RedirectingDomainServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_and_head_on_the_subdomain_answer_308_to_the_primary_domain_and_a_login_post_is_served_there()
    {
        await server.Domains.AddAsync("company1", "app.redirect.test", cancellationToken: Token);
        using var subdomain = server.Client("company1.localhost");

        var get = await subdomain.GetAsync("/data?page=2");
        var head = await subdomain.SendAsync(HttpMethod.Head, "/");
        var login = await subdomain.LoginAsync("user_1");

        Assert.Equal(HttpStatusCode.PermanentRedirect, get.StatusCode);
        Assert.Equal($"http://app.redirect.test:{server.Address.Port}/data?page=2", get.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.PermanentRedirect, head.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var primary = server.Client("app.redirect.test");
        Assert.Equal(HttpStatusCode.OK, (await primary.LoginAsync("user_1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await primary.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_without_a_custom_domain_is_served_on_its_subdomain()
    {
        using var subdomain = server.Client("company2.localhost");

        Assert.Equal(HttpStatusCode.Unauthorized, (await subdomain.GetAsync("/data")).StatusCode);
    }
}

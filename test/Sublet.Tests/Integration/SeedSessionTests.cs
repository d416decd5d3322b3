using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The seed's curl session and its tenant boundaries, against the real server.</summary>
public sealed class SeedSessionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_seed_curl_session_logs_in_and_reads_the_tenants_data()
    {
        using var company1 = server.Client("company1.localhost");

        var login = await company1.LoginAsync("user_1");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("""{"msg":"login successful"}""", await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var data = await company1.GetAsync("/data");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Equal("application/json", data.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"data":[{"description":"company 1 data","id":1}]}""", await data.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_session_cookie_is_host_only_and_http_only()
    {
        using var company1 = server.Client("company1.localhost");
        var login = await company1.LoginAsync("user_1");

        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.DoesNotContain("domain=", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_json_body_logs_in_too()
    {
        using var company2 = server.Client("company2.localhost");
        var login = await company2.PostJsonAsync("/login", new { username = "user_2", password = "foo" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Cookie_from_another_tenant_is_rejected()
    {
        using var company1 = server.Client("company1.localhost");
        await company1.LoginAsync("user_1");
        using var company2 = server.Client("company2.localhost");
        company2.Cookie = company1.Cookie;

        var replayed = await company2.GetAsync("/data");

        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("application/problem+json", replayed.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("company 1", await replayed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_of_one_tenant_cannot_log_in_to_another()
    {
        using var company2 = server.Client("company2.localhost");
        var login = await company2.LoginAsync("user_1");
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Null(company2.Cookie);
    }

    [Theory]
    [InlineData("user_1", "wrong")]
    [InlineData("nobody", "foo")]
    public async Task Wrong_credentials_get_401_problem_details(string username, string password)
    {
        using var company1 = server.Client("company1.localhost");
        var login = await company1.LoginAsync(username, password);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("application/problem+json", login.Content.Headers.ContentType?.MediaType);
        Assert.False(login.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Data_without_a_session_is_401()
    {
        using var company1 = server.Client("company1.localhost");
        var response = await company1.GetAsync("/data");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Logout_clears_the_cookie_and_needs_a_session()
    {
        using var company1 = server.Client("company1.localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, (await company1.PostFormAsync("/logout")).StatusCode);

        await company1.LoginAsync("user_1");
        var logout = await company1.PostFormAsync("/logout");

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal("""{"msg":"logout successful"}""", await logout.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var cleared = Assert.Single(logout.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("sublet_session=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_tenant_is_404_problem_details()
    {
        using var nobody = server.Client("nosuchcompany.localhost");
        var login = await nobody.LoginAsync("user_1");
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Equal("application/problem+json", login.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/data")]
    [InlineData("/login")]
    public async Task The_central_host_has_no_tenant_endpoints(string path)
    {
        using var central = server.Client("localhost");
        var response = path == "/data" ? await central.GetAsync(path) : await central.PostFormAsync(path, ("uname", "user_1"), ("passwd", "foo"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Host_matching_ignores_case_and_one_trailing_dot()
    {
        using var shouting = server.Client("COMPANY1.LocalHost.");
        await shouting.LoginAsync("user_1");
        var data = await shouting.GetAsync("/data");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Contains("company 1 data", await data.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_files_are_served_identically_on_every_host()
    {
        var bodies = new List<string>();
        foreach (var host in new[] { "localhost", "company1.localhost", "company2.localhost" })
        {
            using var client = server.Client(host);
            var response = await client.GetAsync("/static/sublet.css");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
            bodies.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "static", "sublet.css")), bodies[0]);
        Assert.All(bodies, body => Assert.Equal(bodies[0], body));
    }

    [Fact]
    public async Task Static_files_are_not_served_for_unknown_hosts()
    {
        using var unknown = server.Client("nosuchcompany.localhost");
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync("/static/sublet.css")).StatusCode);
        using var foreign = server.Client("example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync("/static/sublet.css")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

public sealed class TenantsApiTests(AdminTokenServerFixture server) : IClassFixture<AdminTokenServerFixture>
{
    private const string Central = "localhost";

    private static (string, string)[] Bearer(string token) => [("Authorization", $"Bearer {token}")];

    private static Task<HttpResponseMessage> SendAsync(HostClient client, HttpMethod method, string path, object? body = null, string token = AdminTokenServerFixture.Token) =>
        client.SendAsync(method, path, body is null ? null : JsonContent.Create(body), headers: Bearer(token));

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (await HostClient.JsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_a_problem_and_a_bearer_challenge()
    {
        using var client = server.Client(Central);

        var response = await client.GetAsync("/api/tenants");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer test-admin-token-0123456789abcdeF")]
    [InlineData("Bearer test-admin-token-0123456789abcdef0")]
    [InlineData("Basic dGVzdA==")]
    [InlineData("test-admin-token-0123456789abcdef")]
    public async Task A_wrong_token_is_refused_with_401_and_changes_nothing(string authorization)
    {
        using var client = server.Client(Central);

        var response = await client.SendAsync(HttpMethod.Post, "/api/tenants", JsonContent.Create(new { slug = "intruder" }), headers: [("Authorization", authorization)]);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = 'intruder'"));
    }

    [Fact]
    public async Task The_api_is_not_served_on_a_tenant_host_even_with_the_token()
    {
        using var client = server.Client("company1.localhost");

        var response = await SendAsync(client, HttpMethod.Get, "/api/tenants");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_tenant_goes_through_create_suspend_resume_and_delete_over_http()
    {
        using var admin = server.Client(Central);
        using var tenantHost = server.Client("api-made.localhost");

        var created = await SendAsync(admin, HttpMethod.Post, "/api/tenants", new { slug = "api-made", admin = "boss", password = "hunter22" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/tenants/api-made", created.Headers.Location?.OriginalString);
        var body = await HostClient.JsonAsync(created);
        Assert.Equal("api_made", body.GetProperty("schemaName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await tenantHost.LoginAsync("boss", "hunter22")).StatusCode);

        var list = await HostClient.JsonAsync(await SendAsync(admin, HttpMethod.Get, "/api/tenants"));
        Assert.Contains(list.EnumerateArray(), tenant => tenant.GetProperty("slug").GetString() == "api-made");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Post, "/api/tenants/api-made/suspend")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await tenantHost.WaitForStatusAsync("/data", HttpStatusCode.Forbidden, TimeSpan.FromSeconds(5)));
        var shown = await HostClient.JsonAsync(await SendAsync(admin, HttpMethod.Get, "/api/tenants/api-made"));
        Assert.Equal("suspended", shown.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Post, "/api/tenants/api-made/resume")).StatusCode);
        // Suspension may end the tenant's sessions, so the host is checked as served, then logged into afresh.
        tenantHost.Cookie = null;
        Assert.Equal(HttpStatusCode.Unauthorized, await tenantHost.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5)));
        Assert.Equal(HttpStatusCode.OK, (await tenantHost.LoginAsync("boss", "hunter22")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(admin, HttpMethod.Delete, "/api/tenants/api-made")).StatusCode);
        Assert.False(await Database.SchemaExistsAsync(server.DataSource, "api_made"));
        await AssertProblemAsync(await SendAsync(admin, HttpMethod.Get, "/api/tenants/api-made"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Upper", HttpStatusCode.BadRequest)]
    [InlineData("a_b", HttpStatusCode.BadRequest)]
    [InlineData("x\"; DROP SCHEMA company1; --", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("www", HttpStatusCode.Conflict)]
    [InlineData("company1", HttpStatusCode.Conflict)]
    public async Task Bad_reserved_or_taken_slugs_are_refused_with_a_problem(string slug, HttpStatusCode status)
    {
        using var admin = server.Client(Central);
        var before = await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant");

        await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, "/api/tenants", new { slug }), status);

        Assert.Equal(before, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant"));
    }

    [Fact]
    public async Task An_admin_without_a_password_is_refused()
    {
        using var admin = server.Client(Central);

        await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, "/api/tenants", new { slug = "half-made", admin = "boss" }), HttpStatusCode.BadRequest);

        Assert.False(await Database.SchemaExistsAsync(server.DataSource, "half_made"));
    }

    [Theory]
    [InlineData("GET", "/api/tenants/nobody")]
    [InlineData("DELETE", "/api/tenants/nobody")]
    [InlineData("POST", "/api/tenants/nobody/suspend")]
    [InlineData("POST", "/api/tenants/nobody/resume")]
    public async Task Unknown_tenants_answer_404_with_a_problem(string method, string path)
    {
        using var admin = server.Client(Central);

        await AssertProblemAsync(await SendAsync(admin, new HttpMethod(method), path), HttpStatusCode.NotFound);
    }
}

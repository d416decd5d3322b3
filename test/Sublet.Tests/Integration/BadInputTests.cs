using System.Net;
using System.Text;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>Bad input gets a 4xx with problem details, never a 500.</summary>
public sealed class BadInputTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("uname", "user_1")]
    [InlineData("passwd", "foo")]
    [InlineData("other", "x")]
    public async Task A_missing_login_field_is_400(string field, string value)
    {
        using var company1 = server.Client("company1.localhost");
        var response = await company1.PostFormAsync("/login", (field, value));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Required:");
    }

    [Fact]
    public async Task A_json_login_without_password_is_400()
    {
        using var company1 = server.Client("company1.localhost");
        var response = await company1.PostJsonAsync("/login", new { username = "user_1" });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        using var company1 = server.Client("company1.localhost");
        var response = await company1.SendAsync(HttpMethod.Post, "/login", new StringContent("{\"username\": ", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "JSON");
    }

    [Fact]
    public async Task An_unsupported_body_is_415()
    {
        using var company1 = server.Client("company1.localhost");
        var response = await company1.SendAsync(HttpMethod.Post, "/login", new StringContent("user_1:foo", Encoding.UTF8, "text/plain"));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "uname");
    }

    [Fact]
    public async Task An_oversized_login_body_is_413()
    {
        using var company1 = server.Client("company1.localhost");
        var response = await company1.PostFormAsync("/login", ("uname", "user_1"), ("passwd", new string('x', 64 * 1024)));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, null);
    }

    [Theory]
    [InlineData("bad_host.localhost")]
    [InlineData("-company1.localhost")]
    [InlineData("company1-.localhost")]
    [InlineData("company1.localhost:0")]
    public async Task A_malformed_host_is_400_problem_details(string host)
    {
        using var client = server.Client("company1.localhost");
        var response = await client.SendAsync(HttpMethod.Get, "/data", hostOverride: host);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Host");
    }

    // Kestrel refuses these before any app code runs, with its own bodiless 400: still a 400, never a 500.
    [Theory]
    [InlineData("company1..localhost")]
    [InlineData(".localhost")]
    [InlineData("company1.localhost:99999")]
    [InlineData("company1.localhost:abc")]
    public async Task A_host_kestrel_cannot_parse_is_400(string host)
    {
        using var client = server.Client("company1.localhost");
        var response = await client.SendAsync(HttpMethod.Get, "/data", hostOverride: host);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("example.org")]
    [InlineData("company1.example.org")]
    [InlineData("a.company1.localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task A_host_outside_the_server_name_is_404(string host)
    {
        using var client = server.Client("company1.localhost");
        var response = await client.SendAsync(HttpMethod.Get, "/data", hostOverride: host);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task A_wrong_method_is_405_not_500()
    {
        using var company1 = server.Client("company1.localhost");
        var response = await company1.GetAsync("/login");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await HostClient.JsonAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var text = problem.ToString();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, text, StringComparison.Ordinal);
        }
    }
}

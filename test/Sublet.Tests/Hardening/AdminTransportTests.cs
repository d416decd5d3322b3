using System.Net;
using System.Net.Http.Json;
using Sublet.Tests.Infrastructure;
using Sublet.Tests.Integration;

namespace Sublet.Tests.Hardening;

/// <summary>
/// The admin token is refused over plain HTTP unless it comes from this machine; behind a trusted proxy, the client's
/// address and scheme decide. Every admin answer says <c>Cache-Control: no-store</c>.
/// </summary>
public sealed class AdminTransportTests(AdminBehindProxyServerFixture server) : IClassFixture<AdminBehindProxyServerFixture>
{
    private const string Client = "203.0.113.7";

    private static readonly (string, string)[] Token = [("Authorization", $"Bearer {AdminTokenServerFixture.Token}")];

    [Fact]
    public async Task A_valid_token_over_plain_http_from_another_machine_is_refused_and_does_nothing()
    {
        using var proxy = server.ThroughProxy();

        var create = await proxy.SendAsync(
            HttpMethod.Post, "/api/tenants", JsonContent.Create(new { slug = "overhttp", admin = "alice", password = "s3cret-password" }),
            headers: [.. Token, ("X-Forwarded-For", Client), ("X-Forwarded-Proto", "http")]);
        var list = await proxy.SendAsync(HttpMethod.Get, "/api/tenants", headers: [.. Token, ("X-Forwarded-For", Client)]);

        foreach (var response in new[] { create, list })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("HTTPS required", (await HostClient.JsonAsync(response)).GetProperty("title").GetString());
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = 'overhttp'"));
    }

    [Fact]
    public async Task The_token_is_accepted_over_https_through_the_trusted_proxy_and_from_loopback()
    {
        using var proxy = server.ThroughProxy();
        using var local = server.Client("localhost");

        var viaProxy = await proxy.SendAsync(HttpMethod.Get, "/api/tenants", headers: [.. Token, ("X-Forwarded-For", Client), ("X-Forwarded-Proto", "https")]);
        var fromLoopback = await local.SendAsync(HttpMethod.Get, "/api/tenants", headers: Token);

        Assert.Equal(HttpStatusCode.OK, viaProxy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromLoopback.StatusCode);
    }

    [Fact]
    public async Task Every_admin_answer_says_no_store()
    {
        using var local = server.Client("localhost");

        HttpResponseMessage[] answers =
        [
            await local.SendAsync(HttpMethod.Get, "/api/tenants", headers: Token),
            await local.SendAsync(HttpMethod.Post, "/api/tenants", JsonContent.Create(new { slug = "nostore", admin = "alice", password = "s3cret-password" }), headers: Token),
            await local.SendAsync(HttpMethod.Get, "/api/tenants/nostore", headers: Token),
            await local.SendAsync(HttpMethod.Get, "/api/tenants/nosuchtenant", headers: Token),
            await local.SendAsync(HttpMethod.Get, "/api/tenants", headers: [("Authorization", "Bearer wrong-token-0123456789")]),
        ];

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized],
            answers.Select(answer => answer.StatusCode));
        Assert.All(answers, answer => Assert.Contains("no-store", answer.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }
}

using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary>Liveness and readiness answer on every host, tenant or not, so a probe needs no tenant name.</summary>
public sealed class HealthTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("localhost", "/healthz")]
    [InlineData("company1.localhost", "/healthz")]
    [InlineData("nosuchtenant.localhost", "/healthz")]
    [InlineData("127.0.0.1", "/healthz")]
    [InlineData("localhost", "/readyz")]
    [InlineData("company1.localhost", "/readyz")]
    [InlineData("nosuchtenant.localhost", "/readyz")]
    [InlineData("127.0.0.1", "/readyz")]
    public async Task Health_endpoints_answer_healthy_on_any_host(string host, string path)
    {
        using var client = server.Client(host);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }
}

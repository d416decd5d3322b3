using System.Net;
using Sublet.Tests.Integration;

namespace Sublet.Tests.Hardening;

/// <summary><c>Sublet:AllowAdminTokenOverHttp</c> lets the token in over plain HTTP from anywhere, for a network trusted end to end.</summary>
public sealed class AdminOverHttpAllowedTests(AdminOverHttpAllowedServerFixture server) : IClassFixture<AdminOverHttpAllowedServerFixture>
{
    [Fact]
    public async Task With_the_setting_a_token_over_plain_http_from_another_machine_is_accepted()
    {
        using var proxy = server.ThroughProxy();

        var response = await proxy.SendAsync(
            HttpMethod.Get, "/api/tenants", headers: [("Authorization", $"Bearer {AdminTokenServerFixture.Token}"), ("X-Forwarded-For", "203.0.113.7")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

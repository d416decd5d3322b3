using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

public sealed class TenantsApiOffTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Without_a_configured_token_the_admin_api_does_not_exist()
    {
        using var client = server.Client("localhost");

        var response = await client.SendAsync(HttpMethod.Get, "/api/tenants", headers: [("Authorization", "Bearer ")]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

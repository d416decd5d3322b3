using System.Net;

namespace Sublet.Tests.Integration;

/// <summary>One client spraying many usernames is counted by its address, across tenants.</summary>
public sealed class LoginAddressLimitTests(SmallAddressLimitServerFixture server) : IClassFixture<SmallAddressLimitServerFixture>
{
    [Fact]
    public async Task Spraying_usernames_from_one_address_is_429_with_retry_after()
    {
        using var company1 = server.Client("company1.localhost");
        using var company2 = server.Client("company2.localhost");
        for (var attempt = 0; attempt < SmallAddressLimitServerFixture.PerAddress; attempt++)
        {
            var client = attempt % 2 == 0 ? company1 : company2;
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync($"user_{attempt + 10}", "foo")).StatusCode);
        }

        var limited = await company2.LoginAsync("user_2", "foo");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}

using System.Net;

namespace Sublet.Tests.Integration;

/// <summary>Guesses at one account are counted per tenant and username, whoever sends them.</summary>
public sealed class LoginUserLimitTests(SmallUserLimitServerFixture server) : IClassFixture<SmallUserLimitServerFixture>
{
    [Fact]
    public async Task Guessing_one_users_password_is_429_with_retry_after_and_leaves_other_users_alone()
    {
        using var company1 = server.Client("company1.localhost");
        for (var attempt = 0; attempt < SmallUserLimitServerFixture.PerUser; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await company1.LoginAsync("user_1", $"guess{attempt}")).StatusCode);
        }

        // Even the right password is refused now: the limit is on attempts, not on failures the server saw.
        var limited = await company1.LoginAsync("user_1", "foo");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        Assert.Null(company1.Cookie);

        // Another user of the tenant, and the same name on another tenant, each have their own count.
        Assert.Equal(HttpStatusCode.Unauthorized, (await company1.LoginAsync("someone_else", "guess")).StatusCode);
        using var company2 = server.Client("company2.localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, (await company2.LoginAsync("user_1", "guess")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company2.LoginAsync("user_2", "foo")).StatusCode);
    }
}

using System.Net;
using Microsoft.Extensions.Options;
using Sublet.Core;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Hardening;

/// <summary>Two session cookies are no session; slugs shaped like internationalised names cannot be created.</summary>
public sealed class CookieAndSlugDecisionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_request_carrying_the_session_cookie_twice_is_not_signed_in(bool realOneLast)
    {
        using var company1 = server.Client("company1.localhost");
        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);
        var real = company1.Cookie!;
        var tossed = real[..(real.IndexOf('=', StringComparison.Ordinal) + 1)] + "tossed-by-a-sibling";
        company1.Cookie = realOneLast ? $"{tossed}; {real}" : $"{real}; {tossed}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await company1.GetAsync("/data")).StatusCode);
        company1.Cookie = real;
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);
    }

    [Theory]
    [InlineData("xn--80ak6aa92e")]
    [InlineData("ab--cd")]
    public void A_slug_shaped_like_an_internationalised_name_is_refused(string slug)
    {
        var rules = new SlugRules(Options.Create(new SubletOptions()));

        var refused = Assert.Throws<TenantProvisioningException>(() => rules.Validate(slug));
        Assert.Equal(TenantProvisioningError.InvalidSlug, refused.Error);
    }
}

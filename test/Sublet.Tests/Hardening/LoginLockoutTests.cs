using System.Net;
using Sublet.Tests.Infrastructure;
using Sublet.Tests.Integration;

namespace Sublet.Tests.Hardening;

/// <summary>
/// Failed logins are counted per tenant, username and client address: an attacker's guesses slow the attacker, and
/// cannot lock the owner out; the owner's own successful logins are not counted.
/// </summary>
public sealed class LoginLockoutTests(SmallUserLimitServerFixture server) : IClassFixture<SmallUserLimitServerFixture>
{
    [Fact]
    public async Task Wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another()
    {
        var host = $"company2.localhost:{server.Address.Port}";
        using var attacker = new HostClient(server.Address, host, IPAddress.Parse("127.0.0.2"));
        for (var attempt = 0; attempt < SmallUserLimitServerFixture.PerUser; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.LoginAsync("user_2", $"guess{attempt}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.LoginAsync("user_2", "guess")).StatusCode);

        using var owner = new HostClient(server.Address, host, IPAddress.Parse("127.0.0.3"));
        Assert.Equal(HttpStatusCode.OK, (await owner.LoginAsync("user_2")).StatusCode);
    }

    [Fact]
    public async Task Successful_logins_do_not_count_against_the_limit()
    {
        using var owner = new HostClient(server.Address, $"company1.localhost:{server.Address.Port}", IPAddress.Parse("127.0.0.4"));
        for (var login = 0; login < 3 * SmallUserLimitServerFixture.PerUser; login++)
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.LoginAsync("user_1")).StatusCode);
        }
    }
}

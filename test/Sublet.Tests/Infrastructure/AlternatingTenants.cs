using System.Net;

namespace Sublet.Tests.Infrastructure;

/// <summary>The demo tenants logged in side by side, for tests that check no request sees the other's rows.</summary>
public sealed class AlternatingTenants : IDisposable
{
    private readonly HostClient _company1;
    private readonly HostClient _company2;

    private AlternatingTenants(ServerFixture server)
    {
        _company1 = server.Client("company1.localhost");
        _company2 = server.Client("company2.localhost");
    }

    /// <summary>Logs in <c>user_1</c> on company1 and <c>user_2</c> on company2.</summary>
    public static async Task<AlternatingTenants> LogInAsync(ServerFixture server)
    {
        var tenants = new AlternatingTenants(server);
        Assert.Equal(HttpStatusCode.OK, (await tenants._company1.LoginAsync("user_1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenants._company2.LoginAsync("user_2")).StatusCode);
        return tenants;
    }

    /// <summary>400 concurrent <c>/data</c> requests, alternating tenants: each must carry its own rows only.</summary>
    public async Task AssertEachSeesOnlyItsOwnRowsAsync()
    {
        var requests = Enumerable.Range(0, 400).Select(async i =>
        {
            var (client, own, other) = i % 2 == 0 ? (_company1, "company 1 data", "company 2") : (_company2, "company 2 data", "company 1");
            await HostClient.AssertOnlyRowsOfAsync(await client.GetAsync("/data"), own, other);
        });
        await Task.WhenAll(requests);
    }

    public void Dispose()
    {
        _company1.Dispose();
        _company2.Dispose();
    }
}

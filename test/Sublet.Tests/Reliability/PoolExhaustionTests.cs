using System.Diagnostics;
using System.Net;

namespace Sublet.Tests.Reliability;

/// <summary>When every pooled connection is taken, a request waits the pool's timeout and then gets 503, not a hang or a 500.</summary>
public sealed class PoolExhaustionTests(PoolExhaustionServerFixture server) : IClassFixture<PoolExhaustionServerFixture>
{
    [Fact]
    public async Task A_request_that_finds_the_pool_exhausted_gets_503_with_retry_after()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var company1 = server.Client("company1.localhost");

        await using (var held = await server.TenantPool("company1").OpenConnectionAsync(cancellationToken))
        {
            var stopwatch = Stopwatch.StartNew();
            var response = await company1.PostFormAsync("/login", ("uname", "user_1"), ("passwd", "foo"));
            Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }

        // The held connection is back: the pool serves again.
        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);
    }
}

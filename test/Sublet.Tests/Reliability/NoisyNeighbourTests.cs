using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary>One tenant flooding the server is held to its own limit; another tenant's requests stay fast.</summary>
[Collection(nameof(RunsAlone))]
public sealed class NoisyNeighbourTests(NoisyNeighbourServerFixture server) : IClassFixture<NoisyNeighbourServerFixture>
{
    private const int NoisyWorkers = 64;
    private static readonly TimeSpan FloodTime = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan QuietP99Bound = TimeSpan.FromMilliseconds(750);

    [Fact]
    public async Task A_flooding_tenant_gets_503s_while_a_quiet_tenant_stays_fast()
    {
        using var noisy = server.Client("company1.localhost");
        using var quiet = server.Client("company2.localhost");
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/test/quick")).StatusCode);

        var deadline = Stopwatch.StartNew();
        var noisyStatuses = new ConcurrentBag<HttpStatusCode>();
        var flood = Enumerable.Range(0, NoisyWorkers).Select(async _ =>
        {
            for (var i = 0; i < 1000 && deadline.Elapsed < FloodTime; i++)
            {
                using var response = await noisy.GetAsync("/test/slow");
                noisyStatuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.NotNull(response.Headers.RetryAfter);
                }
            }
        }).ToList();

        // Let the flood take hold before measuring the quiet tenant.
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var quietLatencies = new List<TimeSpan>();
        var quietStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 1000 && deadline.Elapsed < FloodTime; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await quiet.GetAsync("/test/quick");
            quietLatencies.Add(stopwatch.Elapsed);
            quietStatuses.Add(response.StatusCode);
        }

        await Task.WhenAll(flood);

        Assert.Contains(HttpStatusCode.ServiceUnavailable, noisyStatuses);
        Assert.Contains(HttpStatusCode.OK, noisyStatuses);
        Assert.All(noisyStatuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, status.ToString()));
        Assert.NotEmpty(quietStatuses);
        Assert.All(quietStatuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var p99 = quietLatencies.Order().ElementAt((int)Math.Ceiling(quietLatencies.Count * 0.99) - 1);
        Assert.True(p99 < QuietP99Bound, $"The quiet tenant's p99 was {p99.TotalMilliseconds:F0} ms over {quietLatencies.Count} requests.");
    }
}

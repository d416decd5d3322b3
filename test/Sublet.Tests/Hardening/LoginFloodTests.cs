using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Sublet.Tests.Infrastructure;
using Sublet.Tests.Reliability;

namespace Sublet.Tests.Hardening;

/// <summary>
/// A flood of logins from one address (within its login limit) cannot take the CPU from everyone: password hashing
/// is bounded server-wide, so another tenant's <c>/data</c> and <c>/healthz</c> keep close to their unloaded p99, and
/// logins beyond the short hashing queue get 503 with <c>Retry-After</c>.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class LoginFloodTests(LoginFloodServerFixture server) : IClassFixture<LoginFloodServerFixture>
{
    private const int FloodWorkers = 32;
    private const int Requests = 150;
    private static readonly TimeSpan FloodTime = TimeSpan.FromSeconds(8);

    // Generous: an unbounded flood made these take seconds; two shared cores add tens of milliseconds of noise.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task A_login_flood_leaves_another_tenants_data_and_the_health_check_near_their_unloaded_p99()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var neighbour = server.Client("company2.localhost");
        Assert.Equal(HttpStatusCode.OK, (await neighbour.LoginAsync("user_2")).StatusCode);
        using var health = server.Client("localhost");
        var unloadedData = new LatencySample();
        var unloadedHealth = new LatencySample();
        await MeasureAsync(neighbour, health, new LatencySample(), new LatencySample(), Requests / 3);
        await MeasureAsync(neighbour, health, unloadedData, unloadedHealth, Requests);

        using var flooder = server.Client("company1.localhost");
        var floodStatuses = new ConcurrentBag<HttpStatusCode>();
        using var stopFlood = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stopFlood.CancelAfter(FloodTime);
        var flood = Enumerable.Range(0, FloodWorkers).Select(worker => Task.Run(() => FloodAsync(flooder, worker, floodStatuses, stopFlood.Token), cancellationToken)).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        var loadedData = new LatencySample();
        var loadedHealth = new LatencySample();
        await MeasureAsync(neighbour, health, loadedData, loadedHealth, Requests);
        var measuredDuringFlood = !stopFlood.IsCancellationRequested;
        await Task.WhenAll(flood);

        var report = $"Neighbour /data unloaded {unloadedData}, during the flood {loadedData}; /healthz unloaded {unloadedHealth}, during the flood {loadedHealth}. "
            + $"Flood: {string.Join(", ", floodStatuses.CountBy(status => status).Select(pair => $"{pair.Value} × {(int)pair.Key}"))}.";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(measuredDuringFlood, $"The measurement outlasted the flood. {report}");
        Assert.Empty(loadedData.Failures);
        Assert.Empty(loadedHealth.Failures);
        Assert.Contains(HttpStatusCode.Unauthorized, floodStatuses);
        Assert.All(floodStatuses, status => Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.ServiceUnavailable, status.ToString()));
        Assert.True(loadedData.Percentile(0.99) <= Bound(unloadedData), report);
        Assert.True(loadedHealth.Percentile(0.99) <= Bound(unloadedHealth), report);
    }

    private static TimeSpan Bound(LatencySample unloaded) => 3 * unloaded.Percentile(0.99) + Margin;

    private static async Task FloodAsync(HostClient flooder, int worker, ConcurrentBag<HttpStatusCode> statuses, CancellationToken stop)
    {
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            using var response = await flooder.LoginAsync($"nobody_{worker}_{attempt}", "guess");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
                // A client's retry policy waits before trying again; a tight loop would only measure this test's own CPU.
                await Task.Delay(Random.Shared.Next(100, 300), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static async Task MeasureAsync(HostClient data, HostClient health, LatencySample dataTimes, LatencySample healthTimes, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            dataTimes.Add(await TimeAsync(data, "/data"), HttpStatusCode.OK);
            healthTimes.Add(await TimeAsync(health, "/healthz"), HttpStatusCode.OK);
        }
    }

    private static async Task<TimeSpan> TimeAsync(HostClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return clock.Elapsed;
    }
}

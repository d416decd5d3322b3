using System.Net;
using Microsoft.AspNetCore.Http;
using Sublet.Tests.Infrastructure;
using Sublet.Tests.Reliability;

namespace Sublet.Tests.Hardening;

/// <summary>
/// Slow login bodies cannot take a tenant offline: a body is read before the request takes a turn under the
/// tenant's concurrency limit (32 running + 16 queued by default), within a deadline, and one address may send only
/// a few at once.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class SlowBodyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    // More than the tenant's 32 running + 16 queued: on a server holding turns during uploads this is an outage.
    private const int Addresses = 7;
    // The default Sublet:Limits:RequestBodiesPerAddress.
    private const int PerAddress = 8;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Slow_login_bodies_leave_the_tenants_page_data_and_static_files_answering_and_end_in_408()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var company1 = server.Client("company1.localhost");
        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);

        using var stopAttack = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // 30 bytes every 100 ms, 300 B/s: above Kestrel's minimum rate of 240 B/s, so only the deadline ends them.
        var attack = Enumerable.Range(0, Addresses * PerAddress)
            .Select(index => SlowBody.SendAsync(server.Address, IPAddress.Parse($"127.0.0.{2 + (index % Addresses)}"), company1.Host, "/login", 16000, 30, Tick, stopAttack.Token))
            .ToList();
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);

        var statuses = new List<(string Path, HttpStatusCode Status)>();
        using var neighbour = server.Client("company2.localhost");
        var samples = new Dictionary<string, LatencySample> { ["/"] = new(), ["/data"] = new(), ["/static/robots.txt"] = new(), ["company2 /"] = new() };
        var probeUntil = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (DateTime.UtcNow < probeUntil)
        {
            foreach (var (path, sample) in samples)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                using var response = path.StartsWith("company2 ", StringComparison.Ordinal) ? await neighbour.GetAsync(path[9..]) : await company1.GetAsync(path);
                sample.Add(clock.Elapsed, response.StatusCode);
                statuses.Add((path, response.StatusCode));
            }
        }

        var stillUploading = attack.Count(task => !task.IsCompleted);
        // The deadline (5 s) ends every slow body; stop anything left after it and a margin.
        stopAttack.CancelAfter(TimeSpan.FromSeconds(8));
        var answers = await Task.WhenAll(attack);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"During {attack.Count} slow bodies: " + string.Join("; ", samples.Select(pair => $"{pair.Key} {pair.Value.Count - pair.Value.Failures.Count}/{pair.Value.Count} × 200, {pair.Value}"))
            + $". Attackers: {string.Join(", ", answers.CountBy(status => status).Select(pair => $"{pair.Value} × {pair.Key}"))}.");

        Assert.All(statuses, probe => Assert.True(probe.Status == HttpStatusCode.OK, $"{probe.Path} answered {probe.Status} during the attack"));
        Assert.Equal(attack.Count, stillUploading);
        Assert.All(answers, status => Assert.Equal(StatusCodes.Status408RequestTimeout, status));
    }

    [Fact]
    public async Task One_address_sending_more_bodies_at_once_than_its_share_gets_429()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var from = IPAddress.Parse("127.0.0.30");
        var host = $"company2.localhost:{server.Address.Port}";
        var slow = Enumerable.Range(0, PerAddress)
            .Select(_ => SlowBody.SendAsync(server.Address, from, host, "/login", 16000, 30, Tick, stop.Token))
            .ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);

        var extra = await SlowBody.SendAsync(server.Address, from, host, "/login", 16000, 30, Tick, stop.Token);
        using var elsewhere = new HostClient(server.Address, host, IPAddress.Parse("127.0.0.31"));
        var fromAnotherAddress = await elsewhere.LoginAsync("user_2");

        await stop.CancelAsync();
        await Task.WhenAll(slow);
        Assert.Equal(StatusCodes.Status429TooManyRequests, extra);
        Assert.Equal(HttpStatusCode.OK, fromAnotherAddress.StatusCode);
    }
}

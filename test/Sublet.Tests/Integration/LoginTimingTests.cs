using System.Diagnostics;
using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>Response time must not tell which usernames exist. Run alone: other tests' load would be noise.</summary>
[Collection(nameof(RunsAlone))]
public sealed class LoginTimingTests(TimingServerFixture server) : IClassFixture<TimingServerFixture>
{
    private const int Samples = 15;

    [Fact]
    public async Task An_unknown_username_takes_as_long_as_a_known_one_with_a_wrong_password()
    {
        using var company1 = server.Client("company1.localhost");
        // Warm up both paths (JIT, connection pool, the decoy hash).
        await TimeLoginAsync(company1, "user_1");
        await TimeLoginAsync(company1, "nobody_here");

        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            known.Add(await TimeLoginAsync(company1, "user_1"));
            unknown.Add(await TimeLoginAsync(company1, $"nobody_{i}"));
        }

        var knownMedian = Median(known);
        var unknownMedian = Median(unknown);
        TestContext.Current.SendDiagnosticMessage($"median login: known user {knownMedian:F1} ms, unknown user {unknownMedian:F1} ms");
        Assert.True(
            Math.Abs(knownMedian - unknownMedian) < 0.2 * Math.Max(knownMedian, unknownMedian),
            $"Median known-user login {knownMedian:F1} ms vs unknown-user login {unknownMedian:F1} ms differ by 20% or more.");
    }

    private static async Task<double> TimeLoginAsync(HostClient client, string username)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.LoginAsync(username, "wrong password");
        watch.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }
}

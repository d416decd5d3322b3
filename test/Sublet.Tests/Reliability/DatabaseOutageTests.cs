using System.Diagnostics;
using System.Net;
using Npgsql;
using Sublet.Reliability;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary>While the database is away, tenant requests get a quick 503 with Retry-After; once it is back, they work again.</summary>
public sealed class DatabaseOutageTests(OutageServerFixture server) : IClassFixture<OutageServerFixture>
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Tenant_requests_get_503_while_the_database_is_away_and_work_again_when_it_returns()
    {
        using var company1 = server.Client("company1.localhost");
        using var unknown = server.Client("nosuchtenant.localhost");
        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);

        server.Proxy.Cut();
        try
        {
            // The session lookup and the query both need the database.
            await AssertUnavailableAsync(() => company1.GetAsync("/data"));
            await AssertUnavailableAsync(() => company1.GetAsync("/data"));
            using var other = server.Client("company2.localhost");
            await AssertUnavailableAsync(() => other.PostFormAsync("/login", ("uname", "user_2"), ("passwd", "foo")));

            // The catalog is in memory: an unknown host is still told so.
            var notFound = await unknown.GetAsync("/data");
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }
        finally
        {
            server.Proxy.Restore();
        }

        // No restart: the very first request after the database returns succeeds.
        var data = await company1.GetAsync("/data");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Contains("company 1 data", await data.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backend_killed_mid_request_fails_that_request_with_503_and_the_next_one_works()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var company1 = server.Client("company1.localhost");
        var sleeping = company1.GetAsync("/test/sleep");

        await using var direct = NpgsqlDataSource.Create(server.ConnectionString);
        // The query sleeps 30 s; on a busy machine the request can take seconds to get there.
        var terminated = await Poll.UntilAsync(
            async () =>
            {
                await using var kill = direct.CreateCommand(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()");
                kill.Parameters.Add(new NpgsqlParameter { Value = OutageServerFixture.SleepSql });
                return await kill.ExecuteScalarAsync(cancellationToken) is true;
            },
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(50),
            cancellationToken);

        if (!terminated && sleeping.IsCompleted)
        {
            var ended = await sleeping;
            Assert.Fail($"The sleeping query never showed up in pg_stat_activity: the request ended with {(int)ended.StatusCode}: {await ended.Content.ReadAsStringAsync(cancellationToken)}");
        }

        Assert.True(terminated, "The sleeping query never showed up in pg_stat_activity; the request is still waiting.");
        var response = await sleeping.WaitAsync(Quick, cancellationToken);
        await AssertProblemAsync(response);

        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task Readiness_fails_while_the_database_is_away_and_liveness_does_not()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var central = server.Client("localhost");
        using var company2 = server.Client("company2.localhost");
        Assert.Equal(HttpStatusCode.OK, (await central.GetAsync("/readyz")).StatusCode);
        // A tenant connection left idle in the pool, to die with the cut.
        Assert.Equal(HttpStatusCode.OK, (await company2.LoginAsync("user_2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company2.GetAsync("/data")).StatusCode);

        server.Proxy.Cut();
        try
        {
            // The answer before the cut may be served for up to a second; the next check must not hang.
            await Task.Delay(ReadinessCache.Lifetime, cancellationToken);
            var stopwatch = Stopwatch.StartNew();
            var ready = await central.GetAsync("/readyz");
            Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, Quick);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync(cancellationToken));
            Assert.Equal(HttpStatusCode.OK, (await central.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            server.Proxy.Restore();
        }

        Assert.Equal(HttpStatusCode.OK, await Tool.WaitForStatusAsync(central, "/readyz", HttpStatusCode.OK));

        // The failed check emptied every pool: the first tenant request after recovery gets a live connection.
        Assert.Equal(HttpStatusCode.OK, (await company2.GetAsync("/data")).StatusCode);
    }

    private static async Task AssertUnavailableAsync(Func<Task<HttpResponseMessage>> send)
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await send();
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, Quick);
        await AssertProblemAsync(response);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var problem = await HostClient.JsonAsync(response);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }
}

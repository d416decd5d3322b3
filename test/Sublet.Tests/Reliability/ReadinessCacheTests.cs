using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Npgsql;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary><c>/readyz</c> answers anyone on any host, so a flood of it must not become a flood of database queries.</summary>
public sealed class ReadinessCacheTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_flood_of_readiness_probes_queries_the_database_about_once_a_second()
    {
        var database = new NpgsqlConnectionStringBuilder(server.ConnectionString).Database!;
        var queries = new ConcurrentQueue<string>();
        // Npgsql reports every command it sends as an activity; those to this server's database running the check's
        // query are the readiness queries that reached PostgreSQL.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var tags = activity.TagObjects.Select(tag => tag.Value as string).ToList();
                if (tags.Contains(database) && tags.Contains("SELECT 1"))
                {
                    queries.Enqueue(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var probe = server.Client("127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/readyz")).StatusCode);
        Assert.NotEmpty(queries);

        var watch = Stopwatch.StartNew();
        var before = queries.Count;
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = server.Client("127.0.0.1");
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 50; i++)
            {
                statuses.Add((await client.GetAsync("/readyz")).StatusCode);
            }

            return statuses;
        }));
        var elapsed = watch.Elapsed;
        var during = queries.Count - before;

        Assert.All(answers.SelectMany(statuses => statuses), status => Assert.Equal(HttpStatusCode.OK, status));
        // One query per started second of the flood, plus one for the answer cached before it began.
        Assert.InRange(during, 0, (int)Math.Ceiling(elapsed.TotalSeconds) + 1);
        TestContext.Current.SendDiagnosticMessage($"400 probes in {elapsed.TotalMilliseconds:F0} ms made {during} readiness queries");
    }
}

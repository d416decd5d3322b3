using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Npgsql;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// Thousands of requests for two tenants through a pool of one connection, mixed with requests that are
/// cancelled mid-flight, connections dropped half way, and requests that fail inside their transaction. If any
/// of those left a schema selection or a transaction behind on the pooled connection, a later response would
/// carry the other tenant's rows or fail.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class PoolLeakStressTests(TinyPoolServerFixture server) : IClassFixture<TinyPoolServerFixture>
{
    private const int Requests = 3_000;

    [Fact]
    public async Task Under_cancellations_aborts_and_failures_every_response_holds_only_its_own_tenants_rows()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var company1 = server.Client("company1.localhost");
        using var company2 = server.Client("company2.localhost");
        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company2.LoginAsync("user_2")).StatusCode);
        var clients = new[] { (Client: company1, Own: "company 1 data", Other: "company 2"), (Client: company2, Own: "company 2 data", Other: "company 1") };
        var wrong = new ConcurrentBag<string>();
        var counts = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 24, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var (client, own, other) = clients[i % 2];
            var kind = (i / 2 % 10) switch
            {
                0 => "cancelled",
                1 => "aborted",
                2 => "failing",
                3 => "probe",
                _ => "read",
            };
            counts.AddOrUpdate(kind, 1, (_, count) => count + 1);
            switch (kind)
            {
                case "cancelled":
                    await CancelledAsync(client);
                    break;
                case "aborted":
                    await RawHttp.AbandonAsync(server.Address, AbortedHead(client, i), token);
                    break;
                case "failing":
                    var failed = await client.GetAsync("/fail");
                    if (failed.StatusCode != HttpStatusCode.InternalServerError)
                    {
                        wrong.Add($"/fail answered {failed.StatusCode}");
                    }

                    break;
                case "probe":
                    var probe = await (await client.GetAsync("/probe")).Content.ReadAsStringAsync(token);
                    if (probe != "\"$user\", public")
                    {
                        wrong.Add($"the pooled connection was handed on as: {probe}");
                    }

                    break;
                default:
                    var response = await client.GetAsync("/data");
                    var body = await response.Content.ReadAsStringAsync(token);
                    if (response.StatusCode != HttpStatusCode.OK || !body.Contains(own, StringComparison.Ordinal) || body.Contains(other, StringComparison.Ordinal))
                    {
                        wrong.Add($"{client.Host}: {response.StatusCode} {body}");
                    }

                    break;
            }
        });

        Assert.Empty(wrong.Take(10));
        Assert.Equal(Requests * 6 / 10, counts["read"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");

        // Afterwards the one pooled connection is clean: no transaction left open, no schema selected.
        await using var plain = await server.TenantPool("company1").OpenConnectionAsync(cancellationToken);
        await using var searchPath = new NpgsqlCommand("SHOW search_path", plain);
        Assert.Equal("\"$user\", public", await searchPath.ExecuteScalarAsync(cancellationToken));
        await using var open = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'", plain);
        Assert.Equal(0L, await open.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>A request whose client gives up after a millisecond: before sending, while the server queries, or after.</summary>
    private static async Task CancelledAsync(HostClient client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(1));
        try
        {
            using var response = await client.GetOrGiveUpAsync("/data", timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Every other abort sends a whole request and leaves before the answer; the rest stop mid-header.</summary>
    private static string AbortedHead(HostClient client, int i)
    {
        var head = $"GET /data HTTP/1.1\r\nHost: {client.Host}\r\nCookie: {client.Cookie}\r\n\r\n";
        return i % 4 < 2 ? head : head[..(head.Length / 2)];
    }
}

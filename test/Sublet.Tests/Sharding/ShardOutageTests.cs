using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sublet.Sharding;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Sharding;

/// <summary>
/// A shard's whole server stopping: during a move's row copy, and under load. Each test starts a cluster of its own
/// for the shard it stops, so the shards the other tests share stay up.
/// </summary>
public sealed class ShardOutageTests(MoveServerFixture server) : IClassFixture<MoveServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_move_whose_target_server_stops_during_the_row_copy_leaves_no_replication_slot_on_the_source()
    {
        await using var doomed = new PostgresCluster();
        await doomed.InitializeAsync();
        await server.Shards.AddAsync("doomed", await doomed.CreateDatabaseAsync(Token), Token);
        // Enough rows that the copy of company_data takes a while, with its table-sync slot on the source meanwhile.
        await server.CreateTenantWithRowsAsync("big-co", "east", 200_000);
        var syncSlotSeen = false;
        Task? stop = null;
        var progress = new SyncProgress(step =>
        {
            if (step == TenantMoveStep.CopyingRows)
            {
                stop = Task.Run(async () =>
                {
                    syncSlotSeen = await Poll.UntilAsync(
                        async () => await Database.CountAsync(
                            server.East, "SELECT count(*) FROM pg_replication_slots WHERE database = current_database() AND slot_name LIKE 'pg\\_%\\_sync\\_%'") > 0,
                        TimeSpan.FromSeconds(30),
                        TimeSpan.FromMilliseconds(5));

                    await doomed.Cluster.StopAsync(Token);
                });
            }
        });

        var failure = await Assert.ThrowsAsync<TenantProvisioningException>(() =>
            server.Services.GetRequiredService<ITenantMover>().MoveAsync("big-co", "doomed", progress, Token));
        await stop!;

        Assert.True(syncSlotSeen, "The target stopped before the copy made a table-sync slot on the source.");
        Assert.Contains("stays on shard 'east'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Database.CountAsync(server.East, Leftovers.Slots));
        Assert.Equal(0, await Database.CountAsync(server.East, Leftovers.Publications));
        var listed = await Tool.RunAsync(server.ConnectionString, ["shards", "list", "--json"]);
        var east = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().Single(shard => shard.GetProperty("name").GetString() == "east");
        Assert.Equal(0, east.GetProperty("inactiveSlots").GetProperty("count").GetInt32());
        using var client = server.Client("big-co.localhost");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, "/test/notes?text=big-co-after")).StatusCode);
        Assert.Equal(0, (await Tool.RunAsync(server.ConnectionString, ["shards", "remove", "doomed"])).ExitCode);
    }

    [Fact]
    public async Task Shards_list_and_readiness_report_a_slot_a_move_left_behind_with_the_log_it_holds()
    {
        // What a mover killed part way leaves: its slot, which nothing uses.
        await Database.ExecuteAsync(server.West, "SELECT pg_create_logical_replication_slot('sublet_move_0123456789abcdef', 'pgoutput')");
        try
        {
            await Database.ExecuteAsync(server.West, "CREATE TABLE wal_filler AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 5000) g");
            var listed = await Tool.RunAsync(server.ConnectionString, ["shards", "list"]);
            using var central = server.Client("localhost");
            var ready = await central.GetAsync("/readyz");

            var westLine = listed.Output.Split('\n').Single(line => line.StartsWith("west ", StringComparison.Ordinal));
            Assert.Matches(@"1 \(holding [0-9.]+ [kM]B of WAL\)", westLine);
            Assert.Equal((HttpStatusCode.OK, "Degraded"), (ready.StatusCode, await ready.Content.ReadAsStringAsync(Token)));
        }
        finally
        {
            await Database.ExecuteAsync(server.West, "SELECT pg_drop_replication_slot('sublet_move_0123456789abcdef'); DROP TABLE IF EXISTS wal_filler");
        }
    }

    [Fact]
    public async Task The_first_request_after_a_shard_restarts_succeeds_and_readiness_stays_up_while_it_is_away()
    {
        await using var phoenix = new PostgresCluster();
        await phoenix.InitializeAsync();
        await server.Shards.AddAsync("phoenix", await phoenix.CreateDatabaseAsync(Token), Token);
        await server.CreateTenantWithRowsAsync("phoenix-co", "phoenix", 5);
        await server.CreateTenantWithRowsAsync("steady-co", "east", 5);
        using var phoenixClient = server.Client("phoenix-co.localhost");
        using var central = server.Client("localhost");

        // Load: concurrent requests leave the shard's pools full of idle connections, all to die with the restart,
        // while another shard's tenant is served throughout.
        var loaded = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => phoenixClient.GetAsync("/test/notes")));
        Assert.All(loaded, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        using var stopLoad = new CancellationTokenSource();
        var steadyFailures = 0;
        var steady = Task.Run(async () =>
        {
            using var client = server.Client("steady-co.localhost");
            while (!stopLoad.IsCancellationRequested)
            {
                if ((await client.GetAsync("/test/notes")).StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref steadyFailures);
                }
            }
        }, Token);

        // Nothing is sent to the shard while it is away: no failed request empties its pools.
        await phoenix.Cluster.StopAsync(Token);
        await phoenix.Cluster.StartAsync(Token);

        var first = await phoenixClient.GetAsync("/test/notes");
        var firstBody = await first.Content.ReadAsStringAsync(Token);
        var next = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => phoenixClient.GetAsync("/test/notes")));

        Assert.True(first.StatusCode == HttpStatusCode.OK, $"{(int)first.StatusCode}: {firstBody}");
        Assert.Equal(5, JsonSerializer.Deserialize<string[]>(firstBody)!.Length);
        Assert.All(next, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));

        // While it is away, readiness says so but stays up: the other shards' tenants are served.
        await phoenix.Cluster.StopAsync(Token);
        var readyWhileAway = await central.GetAsync("/readyz");
        var readyBody = await readyWhileAway.Content.ReadAsStringAsync(Token);
        await phoenix.Cluster.StartAsync(Token);
        await stopLoad.CancelAsync();
        await steady;

        Assert.Equal((HttpStatusCode.OK, "Degraded"), (readyWhileAway.StatusCode, readyBody));
        Assert.Equal(HttpStatusCode.OK, (await phoenixClient.GetAsync("/test/notes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await central.GetAsync("/readyz")).StatusCode);
        Assert.Equal(0, steadyFailures);

        // Back to a shard the other tests use, so the extra one can go.
        await server.Services.GetRequiredService<ITenantMover>().MoveAsync("phoenix-co", "east", cancellationToken: Token);
        Assert.Equal(0, (await Tool.RunAsync(server.ConnectionString, ["shards", "remove", "phoenix"])).ExitCode);
    }
}

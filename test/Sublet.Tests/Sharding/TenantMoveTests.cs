using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Provisioning;
using Sublet.Sharding;
using Sublet.Tenancy;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Sharding;

/// <summary>Tenants moved between two real PostgreSQL clusters with logical replication while they are in use.</summary>
public sealed class TenantMoveTests(MoveServerFixture server) : IClassFixture<MoveServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ITenantProvisioner Provisioner => server.Services.GetRequiredService<ITenantProvisioner>();

    [Fact]
    public async Task A_move_under_steady_writes_and_reads_keeps_every_write_exactly_once_and_never_shows_another_tenant()
    {
        await CreateWithRowsAsync("busy-co", "east", 500);
        await CreateWithRowsAsync("bystander", "east", 5);
        await using var second = await server.StartAnotherInstanceAsync(Token);

        using var stop = new CancellationTokenSource();
        var acknowledged = new ConcurrentBag<string>();
        var unexpected = new ConcurrentBag<string>();
        var retried = 0;
        var writers = Enumerable.Range(0, 2).Select(writer => Task.Run(async () =>
        {
            using var client = server.Client("busy-co.localhost");
            for (var i = 0; !stop.IsCancellationRequested && i < 100_000; i++)
            {
                var text = $"busy-co-{writer}-{i}";
                for (var attempt = 0; ; attempt++)
                {
                    var response = await client.SendAsync(HttpMethod.Post, $"/test/notes?text={text}");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add(text);
                        break;
                    }

                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 200)
                    {
                        unexpected.Add($"POST {text}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
                        break;
                    }

                    Assert.NotNull(response.Headers.RetryAfter);
                    Interlocked.Increment(ref retried);
                    await Task.Delay(20, Token);
                }
            }
        }, Token)).ToList();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            using var busy = server.Client("busy-co.localhost");
            using var bystander = server.Client("bystander.localhost");
            while (!stop.IsCancellationRequested)
            {
                foreach (var (client, prefix) in new[] { (busy, "busy-co-"), (bystander, "bystander-") })
                {
                    var response = await client.GetAsync("/test/notes");
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        continue;
                    }

                    var notes = JsonSerializer.Deserialize<string[]>(await response.Content.ReadAsStringAsync(Token))!;
                    if (response.StatusCode != HttpStatusCode.OK || notes.Any(note => !note.StartsWith(prefix, StringComparison.Ordinal)))
                    {
                        unexpected.Add($"GET {prefix}: {(int)response.StatusCode}");
                    }

                    Interlocked.Increment(ref reads);
                }
            }
        }, Token);

        // Writes flow before, during and after the move, which the tool runs as a separate process would.
        await Poll.UntilAsync(() => !acknowledged.IsEmpty && reads > 0, TimeSpan.FromSeconds(30), cancellationToken: Token);
        var moved = await Tool.RunAsync(server.ConnectionString, ["tenants", "move", "busy-co", "--to", "west", "--json"]);
        Assert.True(moved.ExitCode == 0, moved.Error);
        var secondRoutesWithin = await WaitUntilAsync(() =>
            second.Services.GetRequiredService<ITenantCatalog>().TryGetTenant("busy-co", out var tenant) && tenant.Shard == "west");
        var acknowledgedAtSwitch = acknowledged.Count;
        var readsAtSwitch = reads;
        await Poll.UntilAsync(() => acknowledged.Count > acknowledgedAtSwitch && reads > Math.Max(10, readsAtSwitch), TimeSpan.FromSeconds(30), cancellationToken: Token);
        await stop.CancelAsync();
        await Task.WhenAll([.. writers, reader]);

        Assert.Empty(unexpected);
        Assert.True(secondRoutesWithin < TimeSpan.FromSeconds(1), $"The second instance routed to the new shard after {secondRoutesWithin.TotalMilliseconds:0} ms.");
        Assert.True(acknowledged.Count > acknowledgedAtSwitch, "No write succeeded after the move.");
        Assert.True(reads > 10);
        var report = JsonDocument.Parse(moved.Output).RootElement;
        Assert.Equal(("east", "west", 3), (report.GetProperty("from").GetString(), report.GetProperty("to").GetString(), report.GetProperty("tables").GetInt32()));
        var fenced = TimeSpan.Parse(report.GetProperty("fenced").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(fenced > TimeSpan.Zero && fenced < TimeSpan.FromSeconds(10), fenced.ToString());

        // Every acknowledged write is on the new shard exactly once, and nothing else was written.
        var onTarget = await NotesAsync(server.West, "busy_co");
        Assert.Equal(onTarget.Count, onTarget.Distinct().Count());
        Assert.Equal(
            acknowledged.Concat(Enumerable.Range(0, 500).Select(i => $"busy-co-seed-{i}")).Order(StringComparer.Ordinal),
            onTarget.Order(StringComparer.Ordinal));
        Assert.False(await Database.SchemaExistsAsync(server.East, "busy_co"));
        Assert.True(await Database.SchemaExistsAsync(server.East, "bystander"));
        Assert.Equal(0, await Database.CountAsync(server.East, Leftovers.Slots));
        Assert.Equal(0, await Database.CountAsync(server.East, Leftovers.Publications));
        Assert.Equal(0, await Database.CountAsync(server.West, Leftovers.Subscriptions));
        await second.StopAsync(Token);
        TestContext.Current.SendDiagnosticMessage($"Move: {acknowledged.Count} writes, {retried} retried after 503, {reads} reads, fenced {fenced.TotalMilliseconds:0} ms, second instance switched after {secondRoutesWithin.TotalMilliseconds:0} ms.");
    }

    [Fact]
    public async Task A_move_that_fails_half_way_leaves_the_tenant_on_its_shard_working_and_nothing_behind()
    {
        await CreateWithRowsAsync("stays-put", "east", 50);
        using var client = server.Client("stays-put.localhost");
        Task? sabotage = null;
        using var sabotaged = new ManualResetEventSlim();
        var progress = new SyncProgress(step =>
        {
            if (step == TenantMoveStep.CatchingUp)
            {
                // The target diverges: a row appears there that the source then inserts too. The move waits for
                // this (progress is reported inline), so the change is there to catch up on.
                sabotage = Task.Run(async () =>
                {
                    try
                    {
                        await Database.ExecuteAsync(server.West, "INSERT INTO stays_put.company_data (id, description) VALUES (51, 'stays-put-intruder')");
                        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, "/test/notes?text=stays-put-during")).StatusCode);
                    }
                    finally
                    {
                        sabotaged.Set();
                    }
                });
                sabotaged.Wait(TimeSpan.FromSeconds(30));
            }
        });

        var clock = Stopwatch.StartNew();
        var move = server.Services.GetRequiredService<ITenantMover>().MoveAsync("stays-put", "west", progress, Token);
        await Task.WhenAny(move);
        await sabotage!;
        var failure = await Assert.ThrowsAsync<TenantProvisioningException>(() => move);

        // Found at the first failed apply or by the row counts, not by waiting out the fence's 10-second limit.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed}: {failure.Message}");

        Assert.Equal(TenantProvisioningError.MoveFailed, failure.Error);
        Assert.Contains("stays on shard 'east'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = 'stays-put' AND shard = 'east'"));
        Assert.False(await Database.SchemaExistsAsync(server.West, "stays_put"));
        Assert.Equal(0, await Database.CountAsync(server.West, Leftovers.Subscriptions));
        Assert.Equal(0, await Database.CountAsync(server.East, Leftovers.Publications));
        Assert.Equal(0, await Database.CountAsync(server.East, Leftovers.Slots));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, "/test/notes?text=stays-put-after")).StatusCode);
        var notes = JsonSerializer.Deserialize<string[]>(await (await client.GetAsync("/test/notes")).Content.ReadAsStringAsync(Token))!;
        Assert.Equal(52, notes.Length);
        Assert.Contains("stays-put-during", notes);

        // With the cause gone, the same move succeeds.
        var rows = await Database.CountAsync(
            server.East, "SELECT (SELECT count(*) FROM stays_put.company_data) + (SELECT count(*) FROM stays_put.sublet_migration_history)");
        var retried = await server.Services.GetRequiredService<ITenantMover>().MoveAsync("stays-put", "west", cancellationToken: Token);
        Assert.Equal(rows, retried.Rows);
        Assert.Equal(notes.Order(StringComparer.Ordinal), (await NotesAsync(server.West, "stays_put")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_move_whose_target_becomes_unreachable_leaves_the_tenant_working_and_a_retry_succeeds()
    {
        TcpProxy? proxy = null;
        await using var south = await server.AddShardAsync("south", connectionString =>
        {
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            proxy = TcpProxy.Start(settings.Host!, settings.Port);
            settings.Port = proxy.Port;
            settings.Timeout = 2;
            return settings.ConnectionString;
        });
        await using var _ = proxy!;
        await CreateWithRowsAsync("cut-off", "east", 30);
        using var client = server.Client("cut-off.localhost");
        var progress = new SyncProgress(step =>
        {
            if (step == TenantMoveStep.CatchingUp)
            {
                // The mover loses the target mid-move (the target's own link to the source stays up).
                proxy!.Cut();
            }
        });

        var failure = await Assert.ThrowsAsync<TenantProvisioningException>(() =>
            server.Services.GetRequiredService<ITenantMover>().MoveAsync("cut-off", "south", progress, Token));

        Assert.Contains("stays on shard 'east'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = 'cut-off' AND shard = 'east'"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, "/test/notes?text=cut-off-after")).StatusCode);
        Assert.Equal(0, await Database.CountAsync(server.East, Leftovers.Slots));
        Assert.Equal(0, await Database.CountAsync(server.East, Leftovers.Publications));
        Assert.Equal(0, await Database.CountAsync(server.East, $"SELECT count(*) FROM pg_class WHERE relname = '{LogicalReplication.MarkerTable}'"));

        // Back in reach, the next move clears what the failed one left on the target and succeeds.
        proxy!.Restore();
        var report = await server.Services.GetRequiredService<ITenantMover>().MoveAsync("cut-off", "south", cancellationToken: Token);
        Assert.Equal("south", report.To);
        Assert.Equal(0, await Database.CountAsync(south, Leftovers.Subscriptions));
        Assert.Equal(31, (await NotesAsync(south, "cut_off")).Count);

        // Back to a shard the other tests use, so the extra one can go.
        await server.Services.GetRequiredService<ITenantMover>().MoveAsync("cut-off", "east", cancellationToken: Token);
        Assert.Equal(0, (await Tool.RunAsync(server.ConnectionString, ["shards", "remove", "south"])).ExitCode);
    }

    [Fact]
    public async Task Draining_a_shard_moves_each_of_its_tenants_online_and_it_can_then_be_removed()
    {
        await using var north = await server.AddShardAsync("north");
        foreach (var slug in new[] { "north-a", "north-b", "north-c" })
        {
            await CreateWithRowsAsync(slug, "north", 20);
        }

        var drained = await Tool.RunAsync(server.ConnectionString, ["shards", "drain", "north"]);

        Assert.Equal((0, ""), (drained.ExitCode, drained.Error));
        Assert.Contains("3 tenants moved", drained.Output, StringComparison.Ordinal);
        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE shard = 'north'"));
        Assert.Equal(0, await Database.CountAsync(north, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'north_%'"));
        foreach (var slug in new[] { "north-a", "north-b", "north-c" })
        {
            using var client = server.Client($"{slug}.localhost");
            Assert.Equal(HttpStatusCode.OK, await Tool.WaitForStatusAsync(client, "/test/notes", HttpStatusCode.OK));
            Assert.Equal(20, JsonSerializer.Deserialize<string[]>(await (await client.GetAsync("/test/notes")).Content.ReadAsStringAsync(Token))!.Length);
        }

        Assert.Equal(0, (await Tool.RunAsync(server.ConnectionString, ["shards", "remove", "north"])).ExitCode);
    }

    [Theory]
    [InlineData(new[] { "tenants", "move", "nobody", "--to", "west" }, "No tenant 'nobody'.")]
    [InlineData(new[] { "tenants", "move", "company1", "--to", "nowhere" }, "No shard 'nowhere'.")]
    [InlineData(new[] { "tenants", "move", "company1", "--to", "default" }, "already on shard 'default'")]
    [InlineData(new[] { "tenants", "move", "company1" }, "--to")]
    public async Task A_bad_move_is_refused_with_one_line_and_changes_nothing(string[] args, string message)
    {
        var result = await Tool.RunAsync(server.ConnectionString, args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(1, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = 'company1' AND shard = 'default'"));
    }

    [Fact]
    public async Task A_table_without_a_primary_key_is_refused_before_anything_is_made()
    {
        await Provisioner.CreateAsync("no-key", "east", cancellationToken: Token);
        await Database.ExecuteAsync(server.East, "CREATE TABLE no_key.audit (at timestamptz)");

        var result = await Tool.RunAsync(server.ConnectionString, ["tenants", "move", "no-key", "--to", "west"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no_key.audit has no primary key", result.Error, StringComparison.Ordinal);
        Assert.False(await Database.SchemaExistsAsync(server.West, "no_key"));
    }

    private Task CreateWithRowsAsync(string slug, string shard, int rows) => server.CreateTenantWithRowsAsync(slug, shard, rows);

    private static async Task<List<string>> NotesAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"SELECT description FROM {schema}.company_data");
        await using var reader = await command.ExecuteReaderAsync(Token);
        var notes = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            notes.Add(reader.GetString(0));
        }

        return notes;
    }

    private static Task<TimeSpan> WaitUntilAsync(Func<bool> condition) =>
        Poll.TimeUntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(5));
}

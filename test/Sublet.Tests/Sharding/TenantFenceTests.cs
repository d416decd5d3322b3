using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Sharding;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Sharding;

/// <summary>
/// The moment of a move when the tenant's writes are held: how long writers really wait, how long at most, and
/// that reads go on. They compare times a writer measures with what the move reports, so they run alone.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class TenantFenceTests(MoveServerFixture server) : IClassFixture<MoveServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ITenantMover Mover => server.Services.GetRequiredService<ITenantMover>();

    [Fact]
    public async Task The_writes_held_figure_is_what_a_writer_queued_behind_the_lock_measures()
    {
        await server.CreateTenantWithRowsAsync("timed-co", "east", 10);
        await using var blocker = await server.East.OpenConnectionAsync(Token);
        Task<(TimeSpan Stall, string? SqlState)>? writer = null;
        var progress = new SyncProgress(step =>
        {
            if (step == TenantMoveStep.Fenced && writer is null)
            {
                // A write transaction open as the fence begins: the lock waits for it, and writes queue behind the lock.
                HoldWriteTransaction(blocker, "timed_co", TimeSpan.FromMilliseconds(600));
                writer = WriteBehindTheFenceAsync("timed_co");
            }
        });

        var report = await Mover.MoveAsync("timed-co", "west", progress, Token);
        var (stall, sqlState) = await writer!;

        var gap = report.Fenced - stall;
        TestContext.Current.TestOutputHelper?.WriteLine($"Reported {report.Fenced.TotalMilliseconds:0} ms; the writer measured {stall.TotalMilliseconds:0} ms.");
        Assert.True(stall > TimeSpan.FromMilliseconds(500), $"The writer waited only {stall.TotalMilliseconds:0} ms: it did not queue behind the lock.");
        // The writer starts a moment after the lock is requested, and gets its answer a moment after the commit
        // (its server process wakes and reads the new triggers): a few ms, more on a loaded machine.
        var tolerance = 50 + (stall.TotalMilliseconds * 0.05);
        Assert.InRange(gap.TotalMilliseconds, -tolerance, tolerance);
        Assert.Equal(TenantFence.MovedAwaySqlState, sqlState);
    }

    [Fact]
    public async Task A_transaction_holding_the_tables_past_the_lock_wait_stalls_writes_only_for_the_wait_and_the_switch_is_retried()
    {
        await server.CreateTenantWithRowsAsync("patient-co", "east", 10);
        await using var blocker = await server.East.OpenConnectionAsync(Token);
        Task<(TimeSpan Stall, string? SqlState)>? writer = null;
        var steps = new ConcurrentQueue<TenantMoveStep>();
        var held = TimeSpan.FromMilliseconds(2500);
        var progress = new SyncProgress(step =>
        {
            steps.Enqueue(step);
            if (step == TenantMoveStep.Fenced && writer is null)
            {
                HoldWriteTransaction(blocker, "patient_co", held);
                writer = WriteBehindTheFenceAsync("patient_co");
            }
        });

        var report = await Mover.MoveAsync("patient-co", "west", progress, Token);
        var (stall, sqlState) = await writer!;

        // The lock wait (1 s by default) let the queued write through long before the transaction ended.
        TestContext.Current.TestOutputHelper?.WriteLine($"The writer waited {stall.TotalMilliseconds:0} ms behind a transaction open for {held.TotalMilliseconds:0} ms; the switch held writes {report.Fenced.TotalMilliseconds:0} ms.");
        Assert.True(stall < held - TimeSpan.FromMilliseconds(700), $"The writer waited {stall.TotalMilliseconds:0} ms.");
        Assert.Null(sqlState);
        Assert.Contains(TenantMoveStep.FenceDeferred, steps);
        Assert.True(report.Fenced < held, report.Fenced.ToString());
        Assert.Equal(1, await Database.CountAsync(server.West, "SELECT count(*) FROM patient_co.company_data WHERE description = 'behind-the-fence'"));
    }

    [Fact]
    public async Task A_move_waiting_for_a_transaction_open_on_the_source_says_so_while_it_waits()
    {
        await server.CreateTenantWithRowsAsync("waiting-co", "east", 10);
        await using var blocker = await server.East.OpenConnectionAsync(Token);
        var steps = new ConcurrentQueue<(TenantMoveStep Step, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        // Any transaction with a write, in any database of the server, holds back the start of a replication slot.
        var open = HoldWriteTransaction(blocker, "waiting_co", TimeSpan.FromSeconds(3));

        var report = await Mover.MoveAsync("waiting-co", "west", new SyncProgress(step => steps.Enqueue((step, clock.Elapsed))), Token);
        await open;

        var waiting = Assert.Single(steps, step => step.Step == TenantMoveStep.WaitingForTransactions);
        var copying = steps.Single(step => step.Step == TenantMoveStep.CatchingUp);
        Assert.True(waiting.At < copying.At, "Reported after the wait.");
        Assert.Equal("west", report.To);
    }

    [Fact]
    public async Task Reads_during_moves_get_only_200_from_every_server()
    {
        await server.CreateTenantWithRowsAsync("read-co", "east", 50);
        var second = await server.StartAnotherInstanceAsync(Token);
        try
        {
            using var stop = new CancellationTokenSource();
            var failures = new ConcurrentBag<string>();
            var reads = 0;
            var readers = new[] { server.Client("read-co.localhost"), ServerFixture.Client(second, "read-co.localhost") }
                .SelectMany(client => new[] { client, client })
                .Select(client => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var response = await client.GetAsync("/test/notes");
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            failures.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
                        }

                        Interlocked.Increment(ref reads);
                    }
                }, Token))
                .ToList();

            foreach (var target in new[] { "west", "east", "west", "east" })
            {
                await Mover.MoveAsync("read-co", target, cancellationToken: Token);
            }

            await stop.CancelAsync();
            await Task.WhenAll(readers);

            TestContext.Current.TestOutputHelper?.WriteLine($"{reads} reads on two servers during four moves, {failures.Count} not 200.");
            Assert.Empty(failures);
            Assert.True(reads > 100, $"{reads} reads");
            Assert.False(await Database.SchemaExistsAsync(server.West, "read_co"));
        }
        finally
        {
            await second.StopAsync(Token);
            await second.DisposeAsync();
        }
    }

    /// <summary>Opens a transaction that writes one row, and commits it after <paramref name="hold"/>.</summary>
    private static Task HoldWriteTransaction(NpgsqlConnection connection, string schema, TimeSpan hold)
    {
        var transaction = connection.BeginTransaction();
        using (var insert = new NpgsqlCommand($"INSERT INTO {schema}.company_data (description) VALUES ('held-open')", connection, transaction))
        {
            insert.ExecuteNonQuery();
        }

        return Task.Run(async () =>
        {
            await Task.Delay(hold, Token);
            await transaction.CommitAsync(Token);
        }, Token);
    }

    /// <summary>Waits until the fence has asked for its lock, then writes and measures how long the write took.</summary>
    private async Task<(TimeSpan Stall, string? SqlState)> WriteBehindTheFenceAsync(string schema)
    {
        await using var connection = await server.East.OpenConnectionAsync(Token);
        await using (var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE relation = $1::regclass AND mode = 'ExclusiveLock' AND NOT granted", connection))
        {
            waiting.Parameters.Add(new NpgsqlParameter { Value = $"{schema}.company_data" });
            var clock = Stopwatch.StartNew();
            while ((long)(await waiting.ExecuteScalarAsync(Token))! == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
            }
        }

        await using var insert = new NpgsqlCommand($"INSERT INTO {schema}.company_data (description) VALUES ('behind-the-fence')", connection);
        var stall = Stopwatch.StartNew();
        try
        {
            await insert.ExecuteNonQueryAsync(Token);
            return (stall.Elapsed, null);
        }
        catch (PostgresException exception)
        {
            return (stall.Elapsed, exception.SqlState);
        }
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sublet.Data;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Integration;

/// <summary>
/// Tenant connections in partitions of one: a tenant lands on its home backend when that is free, spills over to
/// another when it is not, and a lease that finds every connection taken gets whichever comes back first.
/// </summary>
public sealed class TenantAffinityTests(PostgresCluster cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tenant_comes_back_to_its_home_backend_while_that_is_free()
    {
        await using var pools = await PoolsAsync(4);
        var tenant = Tenant("home-co");
        var backends = new HashSet<int>();
        for (var i = 0; i < 10; i++)
        {
            await using var connection = await pools.OpenConnectionAsync(tenant, Token);
            backends.Add(await BackendAsync(connection));
        }

        Assert.Single(backends);
    }

    [Fact]
    public async Task A_busy_tenant_spills_over_to_other_partitions_instead_of_waiting()
    {
        await using var pools = await PoolsAsync(4, timeoutSeconds: 30);
        var tenant = Tenant("busy-co");
        var held = new List<NpgsqlConnection>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 4; i++)
        {
            held.Add(await pools.OpenConnectionAsync(tenant, Token));
        }

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(4, (await Task.WhenAll(held.Select(BackendAsync))).Distinct().Count());
        foreach (var connection in held)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_every_connection_taken_a_lease_gets_the_first_one_given_back_not_only_its_home()
    {
        await using var pools = await PoolsAsync(2, timeoutSeconds: 30);
        var tenant = Tenant("waiting-co");
        var home = await pools.OpenConnectionAsync(tenant, Token);
        var other = await pools.OpenConnectionAsync(tenant, Token);
        var otherBackend = await BackendAsync(other);

        // Nothing is free, so the lease queues for a slot before its first await returns: no wait is needed to see it waiting.
        var waiting = pools.OpenConnectionAsync(tenant, Token);
        Assert.False(waiting.IsCompleted);

        // The home connection stays taken: the lease must take the other one as soon as it is back.
        await other.DisposeAsync();
        await using var leased = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal(otherBackend, await BackendAsync(leased));
        await home.DisposeAsync();
    }

    [Fact]
    public async Task A_lease_that_finds_nothing_free_in_time_fails_as_a_transient_error_and_leaks_no_slot()
    {
        await using var pools = await PoolsAsync(1, timeoutSeconds: 1);
        var tenant = Tenant("starved-co");
        await using (var held = await pools.OpenConnectionAsync(tenant, Token))
        {
            var refused = await Assert.ThrowsAsync<NpgsqlException>(() => pools.OpenConnectionAsync(tenant, Token));
            Assert.True(refused.IsTransient);
        }

        // Given back on close, over and over: never exhausted.
        for (var i = 0; i < 20; i++)
        {
            await using var connection = await pools.OpenConnectionAsync(tenant, Token);
            await using var reader = await new NpgsqlCommand("SELECT 1", connection).ExecuteReaderAsync(System.Data.CommandBehavior.CloseConnection, Token);
        }
    }

    [Fact]
    public async Task A_connection_whose_backend_was_killed_gives_its_slot_back()
    {
        var connectionString = await cluster.CreateDatabaseAsync(Token);
        await using var pools = Pools(connectionString, 1, timeoutSeconds: 2);
        var tenant = Tenant("killed-co");
        await using (var doomed = await pools.OpenConnectionAsync(tenant, Token))
        {
            await using var direct = NpgsqlDataSource.Create(connectionString);
            await using var kill = direct.CreateCommand("SELECT pg_terminate_backend($1)");
            kill.Parameters.Add(new NpgsqlParameter { Value = await BackendAsync(doomed) });
            Assert.True((bool)(await kill.ExecuteScalarAsync(Token))!);
            await Assert.ThrowsAnyAsync<Exception>(() => BackendAsync(doomed));
        }

        await using var next = await pools.OpenConnectionAsync(tenant, Token);
        Assert.True(await BackendAsync(next) > 0);
    }

    private async Task<PartitionedDataSource> PoolsAsync(int connections, int timeoutSeconds = 5) =>
        Pools(await cluster.CreateDatabaseAsync(Token), connections, timeoutSeconds);

    /// <summary>Tenant connections with the default affinity: one partition per connection.</summary>
    private static PartitionedDataSource Pools(string connectionString, int connections, int timeoutSeconds) =>
        DataSourceFactory.CreateTenantPools($"{connectionString};Maximum Pool Size={connections};Timeout={timeoutSeconds}", null, NullLoggerFactory.Instance);

    private static Tenant Tenant(string slug) => new(slug, slug, TenantStatus.Active, DateTimeOffset.UnixEpoch);

    private static async Task<int> BackendAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        return (int)(await command.ExecuteScalarAsync(Token))!;
    }
}

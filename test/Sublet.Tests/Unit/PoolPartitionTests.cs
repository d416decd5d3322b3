using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sublet.Data;
using Sublet.Core;

namespace Sublet.Tests.Unit;

public sealed class PoolPartitionTests
{
    [Fact]
    public void A_tenant_always_lands_in_the_same_partition()
    {
        // Fixed values: a hash that changed between processes would scatter tenants over every backend again.
        Assert.Equal(PartitionedDataSource.Partition("t1", 16), PartitionedDataSource.Partition("t1", 16));
        Assert.Equal(7, PartitionedDataSource.Partition("company1", 16));
        Assert.Equal(10, PartitionedDataSource.Partition("company2", 16));
    }

    [Fact]
    public void Tenants_spread_over_every_partition()
    {
        var counts = new int[16];
        for (var i = 1; i <= 10_000; i++)
        {
            counts[PartitionedDataSource.Partition($"t{i}", counts.Length)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 10_000 / 16 / 2, 10_000 / 16 * 2));
    }

    [Fact]
    public async Task The_partitions_together_hold_no_more_than_the_configured_pool()
    {
        await using var partitioned = DataSourceFactory.CreateTenantPools("Host=localhost;Maximum Pool Size=100;Minimum Pool Size=8", 16, NullLoggerFactory.Instance);
        var settings = new NpgsqlConnectionStringBuilder(partitioned.For(new Core.Tenant("t1", "t1", Core.TenantStatus.Active, DateTimeOffset.UnixEpoch)).ConnectionString);
        Assert.Equal(6, settings.MaxPoolSize);
        Assert.Equal(1, settings.MinPoolSize);
    }

    [Theory]
    [InlineData("Host=localhost", true)]
    [InlineData("Host=localhost;Max Auto Prepare=20", false)]
    public async Task Tenant_pools_leave_the_reset_to_the_lease_unless_statements_are_auto_prepared(string connectionString, bool resetOnLease)
    {
        await using var pools = DataSourceFactory.CreateTenantPools(connectionString, 1, NullLoggerFactory.Instance);
        var settings = new NpgsqlConnectionStringBuilder(pools.For(new Core.Tenant("t1", "t1", Core.TenantStatus.Active, DateTimeOffset.UnixEpoch)).ConnectionString);
        Assert.Equal(resetOnLease, pools.ResetOnLease);
        Assert.Equal(resetOnLease, settings.NoResetOnClose);
    }

    [Fact]
    public async Task Unset_there_is_one_partition_per_connection()
    {
        await using var pools = DataSourceFactory.CreateTenantPools("Host=localhost;Maximum Pool Size=20", null, NullLoggerFactory.Instance);
        Assert.Equal(20, pools.Count);
        var settings = new NpgsqlConnectionStringBuilder(pools.For(new Core.Tenant("t1", "t1", Core.TenantStatus.Active, DateTimeOffset.UnixEpoch)).ConnectionString);
        Assert.Equal(1, settings.MaxPoolSize);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(16, true)]
    [InlineData(0, false)]
    public void Fewer_than_one_partition_is_refused_at_start(int partitions, bool valid)
    {
        var options = new PoolOptions { Partitions = partitions };
        Assert.Equal(valid, new PoolOptionsValidator().Validate(null, options).Succeeded);
    }
}

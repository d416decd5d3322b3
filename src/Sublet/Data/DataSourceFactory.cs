using Microsoft.Extensions.Logging;
using Npgsql;

namespace Sublet.Data;

/// <summary>Builds every pooled data source Sublet opens, so the central database and each shard get the same settings.</summary>
internal static class DataSourceFactory
{
    public static NpgsqlDataSource Create(string connectionString, ILoggerFactory loggerFactory, IEnumerable<DataSourceConfiguration>? configurations = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(loggerFactory);
        foreach (var configuration in configurations ?? [])
        {
            configuration.Configure(builder);
        }

        return builder.Build();
    }

    /// <summary>
    /// The connections for tenant queries to one server, in partitions with tenant affinity that together hold no
    /// more than the connection string's <c>Max Pool Size</c>: <paramref name="partitions"/> of them, or by default
    /// one per connection. Unless auto-prepare is on, Npgsql's reset on close is turned off and
    /// <see cref="TenantDatabase"/> sends the reset itself, pipelined with the lease's first statements
    /// (<see cref="PartitionedDataSource.ResetOnLease"/>).
    /// </summary>
    public static PartitionedDataSource CreateTenantPools(string connectionString, int? partitions, ILoggerFactory loggerFactory, IEnumerable<DataSourceConfiguration>? configurations = null)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var count = Math.Clamp(partitions ?? settings.MaxPoolSize, 1, Math.Max(1, settings.MaxPoolSize));
        var share = Math.Max(1, settings.MaxPoolSize / count);
        var wait = settings.Timeout == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(settings.Timeout);
        settings.MaxPoolSize = share;
        settings.MinPoolSize = Math.Min(share, (settings.MinPoolSize + count - 1) / count);

        // Auto-prepared statements would not survive DISCARD ALL; with them, Npgsql's own reset, which keeps
        // them, stays on.
        var resetOnLease = settings.MaxAutoPrepare == 0;
        if (resetOnLease)
        {
            settings.NoResetOnClose = true;
        }

        var partitioned = settings.ConnectionString;
        return new PartitionedDataSource(() => Create(partitioned, loggerFactory, configurations), count, share, wait, resetOnLease);
    }
}

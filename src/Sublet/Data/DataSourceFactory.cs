using Microsoft.Extensions.Logging;
using Npgsql;

namespace Sublet.Data;

/// <summary>Builds every pooled data source Sublet opens, so the central database and each shard get the same settings.</summary>
internal static class DataSourceFactory
{
    public static NpgsqlDataSource Create(string connectionString, ILoggerFactory loggerFactory) =>
        new NpgsqlDataSourceBuilder(connectionString)
            .UseLoggerFactory(loggerFactory)
            .Build();
}

using System.Globalization;
using Npgsql;

namespace Sublet.LifecycleBench;

/// <summary>What N tenant schemas cost PostgreSQL's catalog, and one backend that has touched every tenant.</summary>
internal sealed record CatalogStats(long Relations, long PgClassBytes, long PgAttributeBytes, long BackendContextBytes, long BackendCacheBytes, double BackendPssMb, long DatabaseBytes)
{
    private const int BatchSize = 500;

    public static async Task<CatalogStats> MeasureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var schemas = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT schema_name FROM sublet.tenant ORDER BY slug", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                schemas.Add(reader.GetString(0));
            }
        }

        // The request path's query in every schema, pipelined: each fills this backend's relation and plan caches.
        foreach (var chunk in schemas.Chunk(BatchSize))
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var schema in chunk)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT * FROM \"{schema}\".company_data"));
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        await using var stats = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM pg_class),
                   pg_total_relation_size('pg_catalog.pg_class'),
                   pg_total_relation_size('pg_catalog.pg_attribute'),
                   (SELECT sum(total_bytes) FROM pg_backend_memory_contexts)::bigint,
                   (SELECT sum(total_bytes) FROM pg_backend_memory_contexts WHERE name = 'CacheMemoryContext' OR parent = 'CacheMemoryContext')::bigint,
                   pg_backend_pid(),
                   pg_database_size(current_database())
            """,
            connection);
        await using var row = await stats.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        return new CatalogStats(row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(3), row.GetInt64(4), ProportionalMegabytes(row.GetInt32(5)), row.GetInt64(6));
    }

    // Pss shares shared buffers out among the processes using them, so it is the backend's own cost.
    private static double ProportionalMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(text => text.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}

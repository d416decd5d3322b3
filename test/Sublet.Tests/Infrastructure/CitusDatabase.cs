using Npgsql;

namespace Sublet.Tests.Infrastructure;

/// <summary>One database on a Citus cluster: its coordinator, and each worker by the name <c>pg_dist_node</c> gives it.</summary>
public sealed class CitusDatabase : IAsyncDisposable
{
    private CitusDatabase(string connectionString, NpgsqlDataSource coordinator, IReadOnlyDictionary<string, NpgsqlDataSource> workers)
    {
        ConnectionString = connectionString;
        Coordinator = coordinator;
        Workers = workers;
    }

    /// <summary>The coordinator's connection string: what Sublet is configured with.</summary>
    public string ConnectionString { get; }

    public NpgsqlDataSource Coordinator { get; }

    /// <summary>Each worker's database, keyed <c>host:port</c>, reached with the coordinator's credentials.</summary>
    public IReadOnlyDictionary<string, NpgsqlDataSource> Workers { get; }

    /// <summary>The coordinator and every worker.</summary>
    public IEnumerable<NpgsqlDataSource> Nodes => [Coordinator, .. Workers.Values];

    public static async Task<CitusDatabase> OfCoordinatorAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var coordinator = NpgsqlDataSource.Create(connectionString);
        var workers = new Dictionary<string, NpgsqlDataSource>();
        await using var command = coordinator.CreateCommand("SELECT nodename, nodeport FROM pg_catalog.pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeid");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (host, port) = (reader.GetString(0), reader.GetInt32(1));
            workers[$"{host}:{port}"] = NpgsqlDataSource.Create(
                new NpgsqlConnectionStringBuilder(connectionString)
            {
                Host = host,
                Port = port,
                // Citus hides shards from other clients' catalog queries; these checks look for them.
                Options = "-c citus.override_table_visibility=off",
            }.ConnectionString);
        }

        return new CitusDatabase(connectionString, coordinator, workers);
    }

    /// <summary>The worker holding <paramref name="schema"/>'s tables, as <c>host:port</c>, read from the workers themselves.</summary>
    public async Task<string> WorkerHoldingAsync(string schema)
    {
        // A move leaves the old placement to Citus's deferred clean-up; it is no longer the tenant's.
        await Database.ExecuteAsync(Coordinator, "CALL pg_catalog.citus_cleanup_orphaned_resources()");
        var holders = new List<string>();
        foreach (var (name, worker) in Workers)
        {
            if (await Database.CountAsync(worker, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname ~ '_[0-9]+$'", schema) > 0)
            {
                holders.Add(name);
            }
        }

        return Assert.Single(holders);
    }

    /// <summary>How many nodes have a schema named <paramref name="schema"/>.</summary>
    public async Task<int> NodesWithSchemaAsync(string schema)
    {
        var count = 0;
        foreach (var node in Nodes)
        {
            count += await Database.SchemaExistsAsync(node, schema) ? 1 : 0;
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}

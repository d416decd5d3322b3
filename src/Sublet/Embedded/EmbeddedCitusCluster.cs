using Npgsql;

namespace Sublet.Embedded;

/// <summary>
/// A throwaway Citus cluster on loopback for the tests and the benchmark: a coordinator and two workers, each an
/// embedded cluster (non-durable) with <c>shared_preload_libraries = 'citus'</c>, <c>wal_level = logical</c> and
/// schema-based sharding on. The nodes share one password, which a pass file given to every server holds, so
/// Citus's connections between nodes (a move's logical replication among them) can authenticate.
/// </summary>
internal sealed class EmbeddedCitusCluster : IAsyncDisposable
{
    private static readonly string[] NodeNames = ["coordinator", "worker1", "worker2"];
    private readonly EmbeddedPostgres[] _nodes;
    private readonly string _passFile;
    private bool _started;

    /// <summary>Makes nothing yet: the nodes' folders go under <paramref name="directory"/>.</summary>
    public EmbeddedCitusCluster(string directory, string? binDirectory = null)
    {
        _nodes = [.. NodeNames.Select(name =>
            new EmbeddedPostgres(Path.Combine(directory, name), new EmbeddedPostgresOptions { Durable = false, BinDirectory = binDirectory }))];
        _passFile = Path.Combine(directory, "citus.pgpass");
    }

    public EmbeddedPostgres Coordinator => _nodes[0];

    public IEnumerable<EmbeddedPostgres> Workers => _nodes.Skip(1);

    /// <summary>The password every node was given: the coordinator's.</summary>
    public string Password => new NpgsqlConnectionStringBuilder(Coordinator.ConnectionString).Password!;

    /// <summary>Why Citus cannot run with the PostgreSQL in <paramref name="binDirectory"/> (found as the embedded code finds it), or null when it can.</summary>
    public static string? MissingCitus(string? binDirectory = null)
    {
        string bin;
        try
        {
            bin = PostgresBinaries.Locate(binDirectory);
        }
        catch (EmbeddedPostgresException exception)
        {
            return exception.Message;
        }

        var library = Path.GetFullPath(Path.Combine(bin, "..", "lib", "citus.so"));
        return File.Exists(library) ? null : $"Citus is not installed for the PostgreSQL in {bin} (no {library})";
    }

    /// <summary>Makes and starts the three nodes with Citus preloaded and one password; only once.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        await Task.WhenAll(_nodes.Select(node => node.StartAsync(cancellationToken)));
        foreach (var node in _nodes)
        {
            await ExecuteAsync(node.ConnectionStringFor("postgres"), "ALTER SYSTEM SET shared_preload_libraries = 'citus'", cancellationToken);
            // Citus runs a maintenance worker per database: with PostgreSQL's default of 8 background workers, a
            // node with a few databases has none left for the logical replication a schema move waits on, and the
            // move waits for ever.
            await ExecuteAsync(node.ConnectionStringFor("postgres"), "ALTER SYSTEM SET max_worker_processes = 64", cancellationToken);
            // Citus ends a move once the target has replayed the source's WAL write position; an asynchronous
            // commit can be acknowledged before it is written there, and such a write would be left behind.
            await ExecuteAsync(node.ConnectionStringFor("postgres"), "ALTER SYSTEM SET synchronous_commit = on", cancellationToken);
        }

        // The embedded code's start connects with each node's own password, so they share one only after it.
        await WritePassFileAsync(cancellationToken);

        // Preloading takes a restart; the embedded code stops and starts each as it made it. The servers keep
        // PGPASSFILE from their environment: Citus's connections between nodes read it, as they would ~postgres/.pgpass.
        var previous = Environment.GetEnvironmentVariable("PGPASSFILE");
        Environment.SetEnvironmentVariable("PGPASSFILE", _passFile);
        try
        {
            await Task.WhenAll(_nodes.Select(async node =>
            {
                await node.StopAsync(cancellationToken);
                await node.StartAsync(cancellationToken);
            }));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PGPASSFILE", previous);
        }

        foreach (var worker in Workers)
        {
            await ExecuteAsync(worker.ConnectionStringFor("postgres"), $"ALTER ROLE postgres PASSWORD '{Password}'", cancellationToken);
        }

        var coordinator = Coordinator.ConnectionStringFor("postgres");
        await ExecuteAsync(coordinator, "ALTER SYSTEM SET citus.enable_schema_based_sharding = on", cancellationToken);
        await ExecuteAsync(coordinator, "SELECT pg_reload_conf()", cancellationToken);
    }

    /// <summary>
    /// A database named <paramref name="name"/> on every node with the <c>citus</c> extension, the coordinator and
    /// both workers registered by their 127.0.0.1 addresses; returns the coordinator's connection string for it.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        foreach (var node in _nodes)
        {
            await ExecuteAsync(ConnectionString(node, "postgres"), $"CREATE DATABASE {name}", cancellationToken);
            await ExecuteAsync(ConnectionString(node, name), "CREATE EXTENSION citus", cancellationToken);
        }

        var coordinator = ConnectionString(Coordinator, name);
        await ExecuteAsync(coordinator, $"SELECT citus_set_coordinator_host('127.0.0.1', {Coordinator.Port})", cancellationToken);
        foreach (var worker in Workers)
        {
            await ExecuteAsync(coordinator, $"SELECT citus_add_node('127.0.0.1', {worker.Port})", cancellationToken);
        }

        return coordinator;
    }

    /// <summary>A node's database as postgres, with the password every node was given.</summary>
    public string ConnectionString(EmbeddedPostgres node, string database) =>
        new NpgsqlConnectionStringBuilder(node.ConnectionStringFor(database)) { Password = Password }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_nodes.Select(node => node.DisposeAsync().AsTask()));
        File.Delete(_passFile);
    }

    /// <summary>The nodes' one password for every loopback port, readable by the user the servers run as, as libpq demands.</summary>
    private async Task WritePassFileAsync(CancellationToken cancellationToken)
    {
        // A node reaches itself as citus.local_hostname, 'localhost' by default.
        await File.WriteAllTextAsync(_passFile, $"127.0.0.1:*:*:postgres:{Password}\nlocalhost:*:*:postgres:{Password}\n", cancellationToken);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(_passFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (ProcessRunner.IsRoot)
        {
            await ProcessRunner.RunAsync("chown", [ProcessRunner.ServiceUser, _passFile], asServiceUser: false, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

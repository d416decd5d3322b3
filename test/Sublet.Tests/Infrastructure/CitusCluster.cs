using Npgsql;
using Sublet.Embedded;

[assembly: AssemblyFixture(typeof(Sublet.Tests.Infrastructure.CitusCluster))]

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// A real Citus cluster for the tests that need one: a coordinator and two workers, each a throwaway cluster
/// made by the embedded code with Citus preloaded, started on first use and once per test run. With
/// <c>SUBLET_TEST_CITUS</c> set (a connection string for a scratch database on a Citus coordinator whose
/// workers are added), the tests use that instead. Without Citus the tests skip, saying why; in CI they fail.
/// </summary>
public sealed class CitusCluster : IAsyncLifetime
{
    private static readonly string? External = Environment.GetEnvironmentVariable("SUBLET_TEST_CITUS");
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly PostgresCluster[] _nodes = [new(), new(), new()];
    private readonly string _passFile = Path.Combine(Path.GetTempPath(), $"sublet-citus-{Guid.NewGuid():N}.pgpass");
    private bool _started;
    private int _databases;

    /// <summary>Why Citus cannot run here, or null when it can.</summary>
    public string? Unavailable { get; } = string.IsNullOrEmpty(External) ? MissingCitus() : null;

    private PostgresCluster Coordinator => _nodes[0];

    private IEnumerable<PostgresCluster> Workers => _nodes.Skip(1);

    /// <summary>Skips the calling test where Citus is not installed, or fails it in CI, where it must be.</summary>
    public void RequireCitus()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail($"CI must run the Citus tests: {Unavailable}");
        }

        Assert.Skip(Unavailable);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// A database of its own on every node, with the <c>citus</c> extension, the coordinator and both workers
    /// registered; <c>SUBLET_TEST_CITUS</c>'s database instead when set.
    /// </summary>
    public async Task<CitusDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(External))
        {
            return await CitusDatabase.OfCoordinatorAsync(External, cancellationToken);
        }

        await StartAsync(cancellationToken);
        var name = $"citus_{Interlocked.Increment(ref _databases)}";
        foreach (var node in _nodes)
        {
            await ExecuteAsync(ConnectionString(node, "postgres"), $"CREATE DATABASE {name}", cancellationToken);
            await ExecuteAsync(ConnectionString(node, name), "CREATE EXTENSION citus", cancellationToken);
        }

        var coordinator = ConnectionString(Coordinator, name);
        await ExecuteAsync(coordinator, $"SELECT citus_set_coordinator_host('127.0.0.1', {Coordinator.Cluster.Port})", cancellationToken);
        foreach (var worker in Workers)
        {
            await ExecuteAsync(coordinator, $"SELECT citus_add_node('127.0.0.1', {worker.Cluster.Port})", cancellationToken);
        }

        return await CitusDatabase.OfCoordinatorAsync(coordinator, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Task.WhenAll(_nodes.Select(node => node.DisposeAsync().AsTask()));
            File.Delete(_passFile);
        }

        _startLock.Dispose();
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (_started)
            {
                return;
            }

            _started = true;
            await Task.WhenAll(_nodes.Select(node => node.StartedAsync(cancellationToken)));
            foreach (var node in _nodes)
            {
                await ExecuteAsync(node.Cluster.ConnectionStringFor("postgres"), "ALTER SYSTEM SET shared_preload_libraries = 'citus'", cancellationToken);
            }

            // The embedded code's start connects with each node's own password, so they share one only after it.
            var password = new NpgsqlConnectionStringBuilder(Coordinator.Cluster.ConnectionString).Password!;
            await WritePassFileAsync(password, cancellationToken);

            // Preloading takes a restart; the embedded code stops and starts each as it made it. The servers
            // keep PGPASSFILE from their environment: Citus's connections between nodes (a move's logical
            // replication among them) read it, as they would ~postgres/.pgpass.
            var previous = Environment.GetEnvironmentVariable("PGPASSFILE");
            Environment.SetEnvironmentVariable("PGPASSFILE", _passFile);
            try
            {
                await Task.WhenAll(_nodes.Select(async node =>
                {
                    await node.Cluster.StopAsync(cancellationToken);
                    await node.Cluster.StartAsync(cancellationToken);
                }));
            }
            finally
            {
                Environment.SetEnvironmentVariable("PGPASSFILE", previous);
            }

            foreach (var worker in Workers)
            {
                await ExecuteAsync(worker.Cluster.ConnectionStringFor("postgres"), $"ALTER ROLE postgres PASSWORD '{password}'", cancellationToken);
            }

            var coordinator = Coordinator.Cluster.ConnectionStringFor("postgres");
            await ExecuteAsync(coordinator, "ALTER SYSTEM SET citus.enable_schema_based_sharding = on", cancellationToken);
            await ExecuteAsync(coordinator, "SELECT pg_reload_conf()", cancellationToken);
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>A node's database as postgres, with the password every node was given: the coordinator's.</summary>
    private string ConnectionString(PostgresCluster node, string database) =>
        new NpgsqlConnectionStringBuilder(node.Cluster.ConnectionStringFor(database))
        {
            Password = new NpgsqlConnectionStringBuilder(Coordinator.Cluster.ConnectionString).Password,
        }.ConnectionString;

    /// <summary>The nodes' one password for every loopback port, readable by the user the servers run as, as libpq demands.</summary>
    private async Task WritePassFileAsync(string password, CancellationToken cancellationToken)
    {
        // A node reaches itself as citus.local_hostname, 'localhost' by default.
        await File.WriteAllTextAsync(_passFile, $"127.0.0.1:*:*:postgres:{password}\nlocalhost:*:*:postgres:{password}\n", cancellationToken);
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

    private static string? MissingCitus()
    {
        string bin;
        try
        {
            bin = PostgresBinaries.Locate(null);
        }
        catch (EmbeddedPostgresException exception)
        {
            return exception.Message;
        }

        var library = Path.GetFullPath(Path.Combine(bin, "..", "lib", "citus.so"));
        return File.Exists(library)
            ? null
            : $"Citus is not installed for the PostgreSQL in {bin} (no {library}): test/run installs it from ../shared/citus where that folder exists, or set SUBLET_TEST_CITUS to a Citus coordinator's scratch database.";
    }
}

using Npgsql;
using Sublet.Embedded;

[assembly: AssemblyFixture(typeof(Sublet.Tests.Infrastructure.PostgresCluster))]

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, made by the same embedded code the server uses; every test
/// class gets a database of its own in it. It starts when the first database is asked for, so a run of unit
/// tests alone never waits for initdb.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sublet-test-{Guid.NewGuid():N}");
    private readonly Lazy<Task<EmbeddedPostgres>> _cluster;
    private int _databases;

    public PostgresCluster() => _cluster = new(StartAsync);

    /// <summary>The running cluster; only after <see cref="StartedAsync"/> or a first database.</summary>
    public EmbeddedPostgres Cluster => _cluster.IsValueCreated && _cluster.Value.IsCompletedSuccessfully
        ? _cluster.Value.Result
        : throw new InvalidOperationException("The cluster has not started.");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Starts the cluster on first call and returns it.</summary>
    public Task<EmbeddedPostgres> StartedAsync(CancellationToken cancellationToken = default) =>
        _cluster.Value.WaitAsync(cancellationToken);

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var cluster = await StartedAsync(cancellationToken);
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionStringFor("postgres"));
        await using var create = dataSource.CreateCommand($"CREATE DATABASE {name}");
        await create.ExecuteNonQueryAsync(cancellationToken);
        return cluster.ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster.IsValueCreated && _cluster.Value.IsCompletedSuccessfully)
        {
            await _cluster.Value.Result.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
    }

    // Shared by every test class: no one caller's cancellation may stop the start the others wait on.
    private async Task<EmbeddedPostgres> StartAsync()
    {
        var cluster = new EmbeddedPostgres(_directory, new EmbeddedPostgresOptions { Durable = false });
        try
        {
            await cluster.StartAsync(CancellationToken.None);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}

using Npgsql;
using Sublet.Embedded;

[assembly: AssemblyFixture(typeof(Sublet.Tests.Infrastructure.PostgresCluster))]

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, made by the same embedded code the server uses; every test
/// class gets a database of its own in it.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sublet-test-{Guid.NewGuid():N}");
    private EmbeddedPostgres? _cluster;
    private int _databases;

    public EmbeddedPostgres Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async ValueTask InitializeAsync()
    {
        _cluster = new EmbeddedPostgres(_directory, new EmbeddedPostgresOptions { Durable = false });
        await _cluster.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await using var dataSource = NpgsqlDataSource.Create(Cluster.ConnectionStringFor("postgres"));
        await using var create = dataSource.CreateCommand($"CREATE DATABASE {name}");
        await create.ExecuteNonQueryAsync(cancellationToken);
        return Cluster.ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
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
}

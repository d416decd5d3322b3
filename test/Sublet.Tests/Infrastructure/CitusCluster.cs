using Sublet.Embedded;

[assembly: AssemblyFixture(typeof(Sublet.Tests.Infrastructure.CitusCluster))]

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// A real Citus cluster for the tests that need one: the embedded code's coordinator and two workers
/// (<see cref="EmbeddedCitusCluster"/>), started on first use and once per test run. With
/// <c>SUBLET_TEST_CITUS</c> set (a connection string for a scratch database on a Citus coordinator whose
/// workers are added), the tests use that instead. Without Citus the tests skip, saying why; in CI they fail.
/// </summary>
public sealed class CitusCluster : IAsyncLifetime
{
    private static readonly string? External = Environment.GetEnvironmentVariable("SUBLET_TEST_CITUS");
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sublet-citus-{Guid.NewGuid():N}");
    private EmbeddedCitusCluster? _cluster;
    private int _databases;

    /// <summary>Why Citus cannot run here, or null when it can.</summary>
    public string? Unavailable { get; } = string.IsNullOrEmpty(External) ? MissingCitus() : null;

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

        var cluster = await StartAsync(cancellationToken);
        var coordinator = await cluster.CreateDatabaseAsync($"citus_{Interlocked.Increment(ref _databases)}", cancellationToken);
        return await CitusDatabase.OfCoordinatorAsync(coordinator, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; failing the run over it is not.
            }
        }

        _startLock.Dispose();
    }

    private async Task<EmbeddedCitusCluster> StartAsync(CancellationToken cancellationToken)
    {
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (_cluster is null)
            {
                _cluster = new EmbeddedCitusCluster(_directory);
                await _cluster.StartAsync(cancellationToken);
            }

            return _cluster;
        }
        finally
        {
            _startLock.Release();
        }
    }

    private static string? MissingCitus() =>
        EmbeddedCitusCluster.MissingCitus() is { } missing
            ? $"{missing}: test/run installs it from ../shared/citus where that folder exists, or set SUBLET_TEST_CITUS to a Citus coordinator's scratch database."
            : null;
}

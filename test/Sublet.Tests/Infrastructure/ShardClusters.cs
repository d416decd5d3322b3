[assembly: AssemblyFixture(typeof(Sublet.Tests.Infrastructure.ShardClusters))]

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// Two more throwaway PostgreSQL clusters on loopback ports, started once per test run beside the main one: the
/// other servers ("shards") tenants are placed on and moved to. Every test class takes databases of its own; each
/// cluster starts when its first database is asked for, so only the tests that use the shards wait for them.
/// </summary>
public sealed class ShardClusters : IAsyncLifetime
{
    public PostgresCluster East { get; } = new();

    public PostgresCluster West { get; } = new();

    public async ValueTask InitializeAsync() =>
        await Task.WhenAll(East.InitializeAsync().AsTask(), West.InitializeAsync().AsTask());

    public async ValueTask DisposeAsync()
    {
        await East.DisposeAsync();
        await West.DisposeAsync();
    }
}

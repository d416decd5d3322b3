using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Sharding;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Sharding;

/// <summary>
/// The server on a central database in the main cluster, with two shards registered: a database of its own in
/// each of the two other clusters. The demo tenants stay on the default shard.
/// </summary>
public class ShardedServerFixture(PostgresCluster cluster, ShardClusters shardClusters) : ServerFixture(cluster)
{
    public const string AdminToken = "test-admin-token-0123456789abcdef";

    public string EastConnectionString { get; private set; } = string.Empty;

    public string WestConnectionString { get; private set; } = string.Empty;

    /// <summary>Direct access to the east shard's database, for checks.</summary>
    public NpgsqlDataSource East { get; private set; } = null!;

    /// <summary>Direct access to the west shard's database, for checks.</summary>
    public NpgsqlDataSource West { get; private set; } = null!;

    public IShardRegistry Shards => Services.GetRequiredService<IShardRegistry>();

    protected override IEnumerable<string> Settings => [$"Sublet:AdminToken={AdminToken}"];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        EastConnectionString = await shardClusters.East.CreateDatabaseAsync(cancellationToken);
        WestConnectionString = await shardClusters.West.CreateDatabaseAsync(cancellationToken);
        East = NpgsqlDataSource.Create(EastConnectionString);
        West = NpgsqlDataSource.Create(WestConnectionString);
        await Shards.AddAsync("east", EastConnectionString, cancellationToken);
        await Shards.AddAsync("west", WestConnectionString, cancellationToken);
    }

    /// <summary>Registers one more shard: a new database in the west shard's cluster, reached through <paramref name="proxy"/> if given.</summary>
    public async Task<NpgsqlDataSource> AddShardAsync(string name, Func<string, string>? proxy = null)
    {
        var connectionString = await shardClusters.West.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await Shards.AddAsync(name, proxy is null ? connectionString : proxy(connectionString), TestContext.Current.CancellationToken);
        return NpgsqlDataSource.Create(connectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (East is not null)
        {
            await East.DisposeAsync();
            await West.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

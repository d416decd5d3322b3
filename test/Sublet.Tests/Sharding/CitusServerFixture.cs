using Microsoft.AspNetCore.Builder;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Sharding;

/// <summary>
/// The real server with the demo tenants on a Citus coordinator (a database of its own on the run's Citus
/// cluster), and the endpoints that write and read a tenant's rows. Where Citus is not installed it starts
/// nothing, and its tests skip.
/// </summary>
public sealed class CitusServerFixture(PostgresCluster cluster, CitusCluster citus) : ServerFixture(cluster)
{
    private CitusDatabase? _database;

    public CitusCluster Citus => citus;

    public CitusDatabase Database => _database ?? throw new InvalidOperationException("The Citus database has not been made.");

    public override async ValueTask InitializeAsync()
    {
        if (citus.Unavailable is null)
        {
            await base.InitializeAsync();
        }
    }

    protected override async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        _database = await citus.CreateDatabaseAsync(cancellationToken);
        return _database.ConnectionString;
    }

    protected override void Configure(WebApplication app) => NotesEndpoints.Map(app, signedIn: true);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

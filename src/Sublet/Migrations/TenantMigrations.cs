namespace Sublet.Migrations;

/// <summary>The app's tenant migrations, gathered from every assembly registered with <c>AddTenantMigrations</c>.</summary>
public sealed class TenantMigrations(IEnumerable<TenantMigrationSource> sources)
{
    /// <summary>The combined set.</summary>
    public MigrationSet Set { get; } = new(sources.SelectMany(source => MigrationSet.ReadEmbedded(source.Assembly, "tenant")));
}

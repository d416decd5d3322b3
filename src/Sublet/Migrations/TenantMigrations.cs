namespace Sublet.Migrations;

/// <summary>The app's tenant migrations, gathered from every assembly registered with <c>AddTenantMigrations</c>.</summary>
public sealed class TenantMigrations
{
    /// <summary>Reads the migrations embedded in every source's assembly.</summary>
    public TenantMigrations(IEnumerable<TenantMigrationSource> sources)
        : this(new MigrationSet(sources.SelectMany(source => MigrationSet.ReadEmbedded(source.Assembly, "tenant"))))
    {
    }

    internal TenantMigrations(MigrationSet set) => Set = set;

    /// <summary>The combined set.</summary>
    public MigrationSet Set { get; }
}

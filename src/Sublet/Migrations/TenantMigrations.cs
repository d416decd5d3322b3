namespace Sublet.Migrations;

/// <summary>The app's tenant migrations, gathered from every assembly registered with <c>AddTenantMigrations</c>.</summary>
public sealed class TenantMigrations
{
    /// <summary>Reads the migrations embedded in every source's assembly.</summary>
    public TenantMigrations(IEnumerable<TenantMigrationSource> sources)
        : this(new MigrationSet(sources.SelectMany(source => MigrationSet.ReadEmbedded(source.Assembly, "tenant"))))
    {
    }

    /// <summary>
    /// Takes a set made elsewhere, e.g. from another kind of migration such as EF Core's, so that provisioning and
    /// <see cref="ITenantMigrator"/> apply it as they apply SQL files. Register it in place of the default.
    /// </summary>
    public TenantMigrations(MigrationSet set) => Set = set;

    /// <summary>The combined set.</summary>
    public MigrationSet Set { get; }
}

namespace Sublet.Migrations;

/// <summary>Brings tenant schemas up to the app's latest tenant migration.</summary>
public interface ITenantMigrator
{
    /// <summary>
    /// Applies pending tenant migrations, each in its own transaction per schema. Tenants already up to date
    /// are skipped with one catalog query. One tenant's failure does not stop the others: it is in the report.
    /// </summary>
    /// <exception cref="MigrationException">Another migrator holds the lock, or the named tenant does not exist.</exception>
    Task<TenantMigrationReport> MigrateAsync(
        TenantMigrationRequest request,
        IProgress<TenantMigrationProgress>? progress = null,
        CancellationToken cancellationToken = default);
}

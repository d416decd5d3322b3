namespace Sublet.Migrations;

/// <summary>The outcome of a migration run.</summary>
/// <param name="LatestVersion">The app's latest tenant migration.</param>
/// <param name="UpToDate">Tenants skipped because they were already at <paramref name="LatestVersion"/>.</param>
/// <param name="Results">One entry per tenant that needed migrating, ordered by slug.</param>
/// <param name="DryRun">Whether nothing was changed.</param>
public sealed record TenantMigrationReport(int LatestVersion, int UpToDate, IReadOnlyList<TenantMigrationResult> Results, bool DryRun)
{
    /// <summary>The tenants that failed.</summary>
    public IReadOnlyList<TenantMigrationResult> Failures => [.. Results.Where(result => !result.Succeeded)];
}

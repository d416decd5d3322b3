namespace Sublet.Migrations;

/// <summary>A step of a migration run: first with <see cref="Completed"/> 0, then once per finished tenant.</summary>
/// <param name="Total">Tenants that needed migrating.</param>
/// <param name="Completed">Tenants finished so far.</param>
/// <param name="Result">The tenant just finished, or null for the first report.</param>
public sealed record TenantMigrationProgress(int Total, int Completed, TenantMigrationResult? Result);

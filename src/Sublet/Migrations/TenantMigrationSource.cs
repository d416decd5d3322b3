using System.Reflection;

namespace Sublet.Migrations;

/// <summary>An assembly embedding tenant migrations as <c>sublet/tenant/NNNN_name.sql</c> resources.</summary>
/// <param name="Assembly">The assembly holding the resources.</param>
public sealed record TenantMigrationSource(Assembly Assembly);

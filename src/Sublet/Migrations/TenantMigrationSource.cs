using System.Reflection;

namespace Sublet.Migrations;

/// <summary>An assembly embedding tenant migrations (<c>Migrations/Tenant/NNNN_name.sql</c>; see <see cref="MigrationSet.ReadEmbedded"/>).</summary>
/// <param name="Assembly">The assembly holding the resources.</param>
public sealed record TenantMigrationSource(Assembly Assembly);

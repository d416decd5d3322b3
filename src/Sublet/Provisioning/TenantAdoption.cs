using Sublet.Core;

namespace Sublet.Provisioning;

/// <summary>The outcome of adopting an existing schema.</summary>
/// <param name="Tenant">The new catalog row.</param>
/// <param name="SatisfiedMigrations">The tenant migrations the schema already satisfied, recorded as applied.</param>
public sealed record TenantAdoption(TenantInfo Tenant, IReadOnlyList<string> SatisfiedMigrations);

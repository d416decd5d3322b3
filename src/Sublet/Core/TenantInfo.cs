namespace Sublet.Core;

/// <summary>A catalog row as stored, read fresh from the database rather than from the in-memory catalog.</summary>
/// <param name="Slug">The tenant's subdomain.</param>
/// <param name="SchemaName">The tenant's schema.</param>
/// <param name="Status">Whether the tenant is served.</param>
/// <param name="CreatedAt">When the tenant was created or adopted.</param>
/// <param name="MigrationVersion">The highest tenant migration applied to the schema.</param>
/// <param name="Shard">The shard holding the schema.</param>
public sealed record TenantInfo(string Slug, string SchemaName, TenantStatus Status, DateTimeOffset CreatedAt, int MigrationVersion, string Shard = ShardNames.Default);

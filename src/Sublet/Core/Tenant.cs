using Microsoft.AspNetCore.Http;

namespace Sublet.Core;

/// <summary>
/// One tenant as the catalog records it. A minimal API handler can take it as a parameter on an endpoint
/// marked <c>RequireTenant()</c>.
/// </summary>
/// <param name="Slug">The tenant's subdomain.</param>
/// <param name="SchemaName">The PostgreSQL schema holding the tenant's tables, as stored in the catalog.</param>
/// <param name="Status">Whether the tenant is served.</param>
/// <param name="CreatedAt">When the tenant was created or adopted.</param>
/// <param name="Shard">The shard (PostgreSQL server or database) holding the schema.</param>
public sealed record Tenant(string Slug, string SchemaName, TenantStatus Status, DateTimeOffset CreatedAt, string Shard = ShardNames.Default)
{
    /// <summary>The schema name quoted as a PostgreSQL identifier, ready for <c>search_path</c> or DDL.</summary>
    public string QuotedSchemaName { get; } = SqlIdentifier.Quote(SchemaName);

    /// <summary>Binds the current request's tenant for minimal API handlers.</summary>
    public static ValueTask<Tenant?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<ITenantFeature>()?.Tenant);
}

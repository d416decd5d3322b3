using Npgsql;

namespace Sublet.Core;

/// <summary>
/// Every statement on the catalog tables, <c>sublet.tenant</c> and <c>sublet.shard</c>: one place to read what
/// touches them. Callers bring the connection (and transaction) their own step needs; the store runs the statement.
/// </summary>
internal static partial class CatalogStore
{
    private const string TenantColumns = "slug, schema_name, status, created_at, migration_version, shard";

    private const string RoutingColumns = "slug, schema_name, status, created_at, shard";

    private const string ShardConnectionStrings = "SELECT name, connection_string FROM sublet.shard WHERE connection_string IS NOT NULL";

    /// <summary>
    /// What a serving process routes by: every tenant, then the shards' connection strings. Tenants first: a shard
    /// row commits before any tenant on it, so the later statement (read committed, a fresh snapshot) sees the
    /// shard of every tenant the first one saw.
    /// </summary>
    public static async Task<(Dictionary<string, Tenant> Tenants, Dictionary<string, string> ConnectionStrings)> LoadAsync(
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new($"SELECT {RoutingColumns} FROM sublet.tenant"));
        batch.BatchCommands.Add(new(ShardConnectionStrings));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var tenants = new Dictionary<string, Tenant>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(cancellationToken))
        {
            var tenant = ReadTenant(reader);
            tenants[tenant.Slug] = tenant;
        }

        await reader.NextResultAsync(cancellationToken);
        return (tenants, await ReadConnectionStringsAsync(reader, cancellationToken));
    }

    /// <summary>A keyset page: the primary key's index is read from the cursor (or the prefix) on, and stops at the limit.</summary>
    public static async Task<IReadOnlyList<TenantInfo>> ListTenantsAsync(
        NpgsqlDataSource central, string? after, int? limit, string? prefix, TenantStatus? status, string? shard, CancellationToken cancellationToken)
    {
        await using var command = central.CreateCommand(
            $"""
            SELECT {TenantColumns} FROM sublet.tenant
            WHERE ($1::text IS NULL OR slug > $1)
              AND ($2::text IS NULL OR (slug >= $2 AND starts_with(slug, $2)))
              AND ($3::text IS NULL OR status = $3)
              AND ($4::text IS NULL OR shard = $4)
            ORDER BY slug
            LIMIT $5
            """);
        command.Parameters.Add(Text(after));
        command.Parameters.Add(Text(prefix));
        command.Parameters.Add(Text(status switch { TenantStatus.Active => "active", TenantStatus.Suspended => "suspended", _ => null }));
        command.Parameters.Add(Text(shard));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)limit ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<TenantInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tenants.Add(ReadTenantInfo(reader));
        }

        return tenants;
    }

    public static async Task<TenantInfo?> FindTenantAsync(NpgsqlDataSource central, string slug, CancellationToken cancellationToken)
    {
        await using var command = central.CreateCommand($"SELECT {TenantColumns} FROM sublet.tenant WHERE slug = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTenantInfo(reader) : null;
    }

    /// <summary>The tenant's schema, or null when the catalog has no such tenant.</summary>
    public static async Task<string?> SchemaOfAsync(NpgsqlDataSource central, string slug, CancellationToken cancellationToken)
    {
        await using var command = central.CreateCommand("SELECT schema_name FROM sublet.tenant WHERE slug = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The tenant's shard as the catalog has it now, or null when the catalog has no such tenant.</summary>
    public static async Task<string?> ShardOfAsync(NpgsqlDataSource central, string slug, CancellationToken cancellationToken)
    {
        await using var command = central.CreateCommand("SELECT shard FROM sublet.tenant WHERE slug = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public static async Task<(string Schema, string Shard)?> PlacementOfAsync(
        NpgsqlConnection central, string slug, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT schema_name, shard FROM sublet.tenant WHERE slug = $1", central);
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>One round trip however many tenants there are: the count of matching tenants and the ones behind.</summary>
    public static async Task<(long Total, List<(string Slug, string Schema, string Shard)> Pending)> ReadBehindAsync(
        NpgsqlConnection central, int latestVersion, string? slug, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*),
                   coalesce(array_agg(slug ORDER BY slug) FILTER (WHERE migration_version < $1), '{}'),
                   coalesce(array_agg(schema_name ORDER BY slug) FILTER (WHERE migration_version < $1), '{}'),
                   coalesce(array_agg(shard ORDER BY slug) FILTER (WHERE migration_version < $1), '{}')
            FROM sublet.tenant
            WHERE $2::text IS NULL OR slug = $2
            """,
            central);
        command.Parameters.Add(new NpgsqlParameter { Value = latestVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)slug ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var slugs = reader.GetFieldValue<string[]>(1);
        var schemas = reader.GetFieldValue<string[]>(2);
        var shards = reader.GetFieldValue<string[]>(3);
        return (reader.GetInt64(0), [.. slugs.Zip(schemas, shards)]);
    }

    /// <summary>The schemas the catalog places on <paramref name="shard"/>, or null when there is no such shard.</summary>
    public static async Task<string[]?> SchemasOnShardAsync(NpgsqlDataSource central, string shard, CancellationToken cancellationToken)
    {
        await using var command = central.CreateCommand(
            """
            SELECT (SELECT count(*) FROM sublet.shard WHERE name = $1),
                   coalesce((SELECT array_agg(schema_name) FROM sublet.tenant WHERE shard = $1), '{}')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = shard });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0) == 0 ? null : reader.GetFieldValue<string[]>(1);
    }

    /// <summary>
    /// For a login's batch: whether the tenant is active. After the session insert, whose foreign key check holds
    /// the tenant's row, it comes after any suspension, rename or deletion that locked the row first.
    /// </summary>
    public static NpgsqlBatchCommand TenantIsActive(string slug) =>
        new("SELECT status = 'active' FROM sublet.tenant WHERE slug = $1") { Parameters = { new() { Value = slug } } };

    public static TenantStatus ParseStatus(string status) => status switch
    {
        "active" => TenantStatus.Active,
        "suspended" => TenantStatus.Suspended,
        _ => throw new InvalidDataException($"Unknown tenant status '{status}' in the catalog."),
    };

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static TenantInfo ReadTenantInfo(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ParseStatus(reader.GetString(2)),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetInt32(4),
        reader.GetString(5));
}

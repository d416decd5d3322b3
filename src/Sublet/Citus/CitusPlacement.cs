using Npgsql;
using Sublet.Core;

namespace Sublet.Citus;

/// <summary>
/// Where Citus has placed the tenant schemas, read from its catalog in <c>pg_catalog</c> by name, so that no
/// <c>search_path</c> (a role's, a connection string's or a tenant transaction's) can hide it.
/// </summary>
internal static class CitusPlacement
{
    // The coordinator is listed only where it holds tenants: otherwise it is no place for one, not a draining node.
    private const string NodesSql =
        """
        SELECT n.nodename || ':' || n.nodeport, NOT n.shouldhaveshards,
               count(DISTINCT s.colocation_id), coalesce(sum(s.shard_size), 0)::bigint
        FROM pg_catalog.pg_dist_node n
        LEFT JOIN pg_catalog.citus_shards s ON s.nodename = n.nodename AND s.nodeport = n.nodeport AND s.citus_table_type = 'schema'
        WHERE n.noderole = 'primary' AND n.isactive
        GROUP BY n.nodename, n.nodeport, n.shouldhaveshards, n.groupid
        HAVING n.groupid <> 0 OR n.shouldhaveshards OR count(s.colocation_id) > 0
        ORDER BY 1
        """;

    /// <summary>Each distributed schema's node as <c>host:port</c>; a schema without tables has no placement yet.</summary>
    private const string SchemaNodesSql =
        """
        SELECT DISTINCT ON (ns.nspname) ns.nspname, d.nodename || ':' || d.nodeport
        FROM pg_catalog.pg_dist_schema s
        JOIN pg_catalog.pg_namespace ns ON ns.oid = s.schemaid
        JOIN pg_catalog.pg_dist_partition p ON p.colocationid = s.colocationid
        JOIN pg_catalog.pg_dist_shard sh ON sh.logicalrelid = p.logicalrelid
        JOIN pg_catalog.pg_dist_placement pl ON pl.shardid = sh.shardid
        JOIN pg_catalog.pg_dist_node d ON d.groupid = pl.groupid AND d.noderole = 'primary'
        WHERE $1::text IS NULL OR ns.nspname = $1
        ORDER BY ns.nspname
        """;

    public static async Task<IReadOnlyList<ShardInfo>> ListAsync(NpgsqlDataSource coordinator, CancellationToken cancellationToken)
    {
        await using var command = coordinator.CreateCommand(NodesSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var nodes = new List<ShardInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var node = reader.GetString(0);
            nodes.Add(new ShardInfo(node, node, reader.GetBoolean(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return nodes;
    }

    /// <summary>On Citus, the tenants with the worker holding each as their shard, for display: the catalog says only "default".</summary>
    public static async Task<IReadOnlyList<TenantInfo>> WithNodesAsync(CitusMode citus, NpgsqlDataSource coordinator, IReadOnlyList<TenantInfo> tenants, CancellationToken cancellationToken)
    {
        if (!await citus.IsEnabledAsync(cancellationToken))
        {
            return tenants;
        }

        var nodes = await NodesOfAsync(coordinator, tenants.Count == 1 ? tenants[0].SchemaName : null, cancellationToken);
        return [.. tenants.Select(tenant => nodes.TryGetValue(tenant.SchemaName, out var node) ? tenant with { Shard = node } : tenant)];
    }

    /// <summary>The node holding <paramref name="schema"/>, or null when it is not a placed distributed schema.</summary>
    public static async Task<string?> NodeOfAsync(NpgsqlDataSource coordinator, string schema, CancellationToken cancellationToken) =>
        (await NodesOfAsync(coordinator, schema, cancellationToken)).GetValueOrDefault(schema);

    /// <summary>Every placed distributed schema's node, by schema name.</summary>
    public static Task<Dictionary<string, string>> NodesOfAsync(NpgsqlDataSource coordinator, CancellationToken cancellationToken) =>
        NodesOfAsync(coordinator, null, cancellationToken);

    private static async Task<Dictionary<string, string>> NodesOfAsync(NpgsqlDataSource coordinator, string? schema, CancellationToken cancellationToken)
    {
        await using var command = coordinator.CreateCommand(SchemaNodesSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)schema ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes[reader.GetString(0)] = reader.GetString(1);
        }

        return nodes;
    }
}

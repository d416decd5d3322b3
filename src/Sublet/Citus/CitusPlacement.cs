using Npgsql;
using Sublet.Core;

namespace Sublet.Citus;

/// <summary>Where Citus has placed the tenant schemas: one row per active primary node, as <c>shards list</c> shows them.</summary>
internal static class CitusPlacement
{
    private const string Sql =
        """
        SELECT n.nodename || ':' || n.nodeport, NOT n.shouldhaveshards,
               count(DISTINCT s.colocation_id), coalesce(sum(s.shard_size), 0)::bigint
        FROM pg_dist_node n
        LEFT JOIN citus_shards s ON s.nodename = n.nodename AND s.nodeport = n.nodeport AND s.citus_table_type = 'schema'
        WHERE n.noderole = 'primary' AND n.isactive
        GROUP BY n.nodename, n.nodeport, n.shouldhaveshards
        ORDER BY 1
        """;

    public static async Task<IReadOnlyList<ShardInfo>> ListAsync(NpgsqlDataSource coordinator, CancellationToken cancellationToken)
    {
        await using var command = coordinator.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var nodes = new List<ShardInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var node = reader.GetString(0);
            nodes.Add(new ShardInfo(node, node, reader.GetBoolean(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return nodes;
    }
}

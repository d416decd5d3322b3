using Npgsql;

namespace Sublet.Core;

/// <summary>The statements on <c>sublet.shard</c>.</summary>
internal static partial class CatalogStore
{
    public static async Task<bool> ShardExistsAsync(
        NpgsqlConnection central, NpgsqlTransaction? transaction, string shard, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM sublet.shard WHERE name = $1", central, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = shard });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    /// <summary>
    /// Where a new tenant goes: <paramref name="requestedShard"/> if it takes tenants, or else the shard that takes
    /// tenants with the fewest, the name breaking ties so placement is predictable; null when none qualifies.
    /// </summary>
    public static async Task<string?> PickShardAsync(
        NpgsqlConnection central, NpgsqlTransaction? transaction, string? requestedShard, CancellationToken cancellationToken)
    {
        await using var pick = new NpgsqlCommand(
            """
            SELECT name FROM sublet.shard s
            WHERE NOT draining AND ($1::text IS NULL OR name = $1)
            ORDER BY (SELECT count(*) FROM sublet.tenant t WHERE t.shard = s.name), name
            LIMIT 1
            """,
            central,
            transaction);
        pick.Parameters.Add(new NpgsqlParameter { Value = (object?)requestedShard ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await pick.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Whether the shard is draining, or null when there is no such shard.</summary>
    public static async Task<bool?> IsDrainingAsync(NpgsqlConnection central, string shard, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT draining FROM sublet.shard WHERE name = $1", central);
        command.Parameters.Add(new NpgsqlParameter { Value = shard });
        return await command.ExecuteScalarAsync(cancellationToken) as bool?;
    }

    /// <summary>Each shard (or only <paramref name="name"/>) with its tenants' count and schemas.</summary>
    public static async Task<List<(string Name, string? ConnectionString, bool Draining, long Tenants, string[] Schemas)>> ListShardsAsync(
        NpgsqlDataSource central, string? name, CancellationToken cancellationToken)
    {
        var rows = new List<(string Name, string? ConnectionString, bool Draining, long Tenants, string[] Schemas)>();
        await using var command = central.CreateCommand(
            """
            SELECT s.name, s.connection_string, s.draining, count(t.slug),
                   coalesce(array_agg(t.schema_name) FILTER (WHERE t.slug IS NOT NULL), '{}')
            FROM sublet.shard s LEFT JOIN sublet.tenant t ON t.shard = s.name
            WHERE $1::text IS NULL OR s.name = $1
            GROUP BY s.name ORDER BY s.name
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var connectionString = reader.IsDBNull(1) ? null : reader.GetString(1);
            rows.Add((reader.GetString(0), connectionString, reader.GetBoolean(2), reader.GetInt64(3), reader.GetFieldValue<string[]>(4)));
        }

        return rows;
    }

    /// <summary>Whether the shard was added; false when its name is taken.</summary>
    public static async Task<bool> InsertShardAsync(
        NpgsqlDataSource central, string name, string connectionString, CancellationToken cancellationToken)
    {
        await using var insert = central.CreateCommand("INSERT INTO sublet.shard (name, connection_string) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter { Value = name });
        insert.Parameters.Add(new NpgsqlParameter { Value = connectionString });
        return await insert.ExecuteNonQueryAsync(cancellationToken) != 0;
    }

    /// <summary>Whether there was such a shard.</summary>
    public static async Task<bool> SetDrainingAsync(NpgsqlDataSource central, string name, bool draining, CancellationToken cancellationToken)
    {
        await using var update = central.CreateCommand("UPDATE sublet.shard SET draining = $2 WHERE name = $1");
        update.Parameters.Add(new NpgsqlParameter { Value = name });
        update.Parameters.Add(new NpgsqlParameter { Value = draining });
        return await update.ExecuteNonQueryAsync(cancellationToken) != 0;
    }

    /// <summary>Whether there was such a shard; one that still holds tenants is a foreign key violation.</summary>
    public static async Task<bool> DeleteShardAsync(NpgsqlDataSource central, string name, CancellationToken cancellationToken)
    {
        await using var delete = central.CreateCommand("DELETE FROM sublet.shard WHERE name = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = name });
        return await delete.ExecuteNonQueryAsync(cancellationToken) != 0;
    }
}

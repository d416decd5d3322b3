using Npgsql;

namespace Sublet.Core;

/// <summary>The reads that keep a serving process's catalog current one change at a time.</summary>
internal static partial class CatalogStore
{
    /// <summary>
    /// The named tenants' rows, one indexed lookup each in one round trip: what a change notification needs.
    /// A slug missing from the result has no row (deleted or renamed away).
    /// </summary>
    public static async Task<List<Tenant>> LoadTenantsAsync(NpgsqlDataSource dataSource, string[] slugs, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RoutingColumns} FROM sublet.tenant WHERE slug = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = slugs });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<Tenant>(slugs.Length);
        while (await reader.ReadAsync(cancellationToken))
        {
            tenants.Add(ReadTenant(reader));
        }

        return tenants;
    }

    /// <summary>The shards' connection strings alone, for a change to <c>sublet.shard</c>.</summary>
    public static async Task<Dictionary<string, string>> LoadConnectionStringsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ShardConnectionStrings);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadConnectionStringsAsync(reader, cancellationToken);
    }

    private static async Task<Dictionary<string, string>> ReadConnectionStringsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var connectionStrings = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            connectionStrings[reader.GetString(0)] = reader.GetString(1);
        }

        return connectionStrings;
    }

    private static Tenant ReadTenant(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ParseStatus(reader.GetString(2)),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetString(4));
}

using System.Text.RegularExpressions;
using Npgsql;
using Sublet.Citus;
using Sublet.Tenancy;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Sharding;

internal sealed partial class ShardRegistry(ShardDataSources shards, ITenantCatalog catalog, CitusMode citus) : IShardRegistry
{
    private const int MinimumServerVersion = 150000;

    private const string SizeSql =
        """
        SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'm')
        """;

    public async Task<IReadOnlyList<ShardInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        await citus.IsEnabledAsync(cancellationToken)
            ? await CitusPlacement.ListAsync(shards.Central, cancellationToken)
            : await ReadAsync(name: null, cancellationToken);

    public async Task<ShardInfo> AddAsync(string name, string connectionString, CancellationToken cancellationToken = default)
    {
        await RefuseOnCitusAsync(cancellationToken);
        ValidateName(name);
        if (name == ShardNames.Default)
        {
            throw new TenantProvisioningException(TenantProvisioningError.AlreadyExists, "Shard 'default' already exists: it is the central database.");
        }

        await CheckServerAsync(name, connectionString, cancellationToken);
        if (!await CatalogStore.InsertShardAsync(shards.Central, name, connectionString, cancellationToken))
        {
            throw new TenantProvisioningException(TenantProvisioningError.AlreadyExists, $"Shard '{name}' already exists.");
        }

        await catalog.ReloadShardsAsync(cancellationToken);
        return await GetAsync(name, cancellationToken);
    }

    public async Task<ShardInfo> SetDrainingAsync(string name, bool draining, CancellationToken cancellationToken = default)
    {
        await RefuseOnCitusAsync(cancellationToken);
        if (!await CatalogStore.SetDrainingAsync(shards.Central, name, draining, cancellationToken))
        {
            throw NotFound(name);
        }

        return await GetAsync(name, cancellationToken);
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        await RefuseOnCitusAsync(cancellationToken);
        if (name == ShardNames.Default)
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, "The default shard is the central database: it cannot be removed.");
        }

        bool deleted;
        try
        {
            deleted = await CatalogStore.DeleteShardAsync(shards.Central, name, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"Shard '{name}' still holds tenants: move them off first.");
        }

        if (!deleted)
        {
            throw NotFound(name);
        }

        await catalog.ReloadShardsAsync(cancellationToken);
    }

    private async Task RefuseOnCitusAsync(CancellationToken cancellationToken)
    {
        if (await citus.IsEnabledAsync(cancellationToken))
        {
            throw new TenantProvisioningException(
                TenantProvisioningError.InvalidShard,
                "Citus places the tenants here: add, drain and remove worker nodes with citus_add_node, citus_drain_node and citus_remove_node.");
        }
    }

    private async Task<ShardInfo> GetAsync(string name, CancellationToken cancellationToken) =>
        (await ReadAsync(name, cancellationToken)).SingleOrDefault() ?? throw NotFound(name);

    private async Task<List<ShardInfo>> ReadAsync(string? name, CancellationToken cancellationToken)
    {
        var rows = await CatalogStore.ListShardsAsync(shards.Central, name, cancellationToken);

        var shardsInfo = new List<ShardInfo>(rows.Count);
        foreach (var row in rows)
        {
            var server = Describe(row.ConnectionString ?? shards.ConnectionStringFor(ShardNames.Default));
            try
            {
                var shard = await shards.ForAsync(row.Name, catalog, cancellationToken);
                var size = await MeasureAsync(shard, row.Schemas, cancellationToken);
                var slots = await InactiveMoveSlots.ReadAsync(shard, cancellationToken);
                shardsInfo.Add(new ShardInfo(row.Name, server, row.Draining, row.Tenants, size, InactiveSlots: slots));
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                shardsInfo.Add(new ShardInfo(row.Name, server, row.Draining, row.Tenants, null, exception.Message));
            }
        }

        return shardsInfo;
    }

    private static async Task<long> MeasureAsync(NpgsqlDataSource shard, string[] schemas, CancellationToken cancellationToken)
    {
        await using var command = shard.CreateCommand(SizeSql);
        command.Parameters.Add(new NpgsqlParameter { Value = schemas });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task CheckServerAsync(string name, string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"The connection string for shard '{name}' is invalid: {exception.Message}");
        }

        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = ConnectionDefaults.TimeoutSeconds;
        }

        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT current_setting('server_version_num')::int, has_database_privilege(current_database(), 'CREATE'), current_database()", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.GetInt32(0) < MinimumServerVersion)
            {
                throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"Shard '{name}' runs PostgreSQL {reader.GetInt32(0)}: 15 or later is needed.");
            }

            if (!reader.GetBoolean(1))
            {
                throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"The shard's user may not create schemas in database '{reader.GetString(2)}'.");
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or ArgumentException)
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"Cannot connect to shard '{name}': {exception.Message}");
        }
    }

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static void ValidateName(string name)
    {
        if (!ShardName().IsMatch(name))
        {
            throw new TenantProvisioningException(
                TenantProvisioningError.InvalidShard,
                $"'{name}' is not a valid shard name: use {TenantSlug.Rule}.");
        }
    }

    private static TenantProvisioningException NotFound(string name) => TenantProvisioningException.NoShard(name);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex ShardName();
}

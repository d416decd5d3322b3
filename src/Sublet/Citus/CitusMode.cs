using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Core;

namespace Sublet.Citus;

/// <summary>
/// Whether the central database is a Citus coordinator using schema-based sharding: <c>Sublet:Citus</c> when set,
/// otherwise whether the <c>citus</c> extension is installed there. Citus then places and moves tenant schemas;
/// Sublet's own shards stay unused.
/// </summary>
internal sealed class CitusMode(NpgsqlDataSource central, IOptions<SubletOptions> options)
{
    private bool? _detected;

    public async ValueTask<bool> IsEnabledAsync(CancellationToken cancellationToken)
    {
        if (Known is { } known)
        {
            return known;
        }

        await using var connection = await central.OpenConnectionAsync(cancellationToken);
        return await DetectAsync(connection, null, cancellationToken);
    }

    /// <summary>The same, on a connection the caller already holds: a pool of one must not wait on itself.</summary>
    public async ValueTask<bool> IsEnabledAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        Known ?? await DetectAsync(connection, transaction, cancellationToken);

    private bool? Known => options.Value.Citus ?? _detected;

    private async Task<bool> DetectAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus')", connection, transaction);
        _detected = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        return _detected.Value;
    }

    /// <summary>Makes the new schema a distributed schema whatever the server's default: one statement, before CREATE SCHEMA.</summary>
    public const string DistributeNewSchemasSql = "SET LOCAL citus.enable_schema_based_sharding TO on;";

    /// <summary>
    /// Turns an existing schema into a distributed schema, unless it already is one. Citus's catalog is named by
    /// its schema: adopting runs with the adopted schema as the search_path, and the citus_schemas view is in public.
    /// </summary>
    public const string DistributeSql =
        "SELECT pg_catalog.citus_schema_distribute($1::regnamespace) WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_schema WHERE schemaid = $1::regnamespace)";
}

using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Hosting;

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
        if (options.Value.Citus is { } configured)
        {
            return configured;
        }

        if (_detected is { } detected)
        {
            return detected;
        }

        await using var command = central.CreateCommand("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')");
        _detected = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        return _detected.Value;
    }

    /// <summary>Makes the new schema a distributed schema whatever the server's default: one statement, before CREATE SCHEMA.</summary>
    public const string DistributeNewSchemasSql = "SET LOCAL citus.enable_schema_based_sharding TO on;";

    /// <summary>Turns an existing schema into a distributed schema, unless it already is one.</summary>
    public const string DistributeSql =
        "SELECT citus_schema_distribute($1::regnamespace) WHERE NOT EXISTS (SELECT 1 FROM citus_schemas WHERE schema_name = $1::regnamespace)";
}

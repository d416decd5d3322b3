using Npgsql;

namespace Sublet.Migrations;

/// <summary>The per-schema table recording which migrations ran, with their checksums.</summary>
internal static class MigrationHistory
{
    public const string TableName = "sublet_migration_history";

    public static async Task EnsureTableAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string quotedSchema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            CREATE TABLE IF NOT EXISTS {quotedSchema}.{TableName} (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            connection,
            transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<Dictionary<int, string>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string quotedSchema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT version, checksum FROM {quotedSchema}.{TableName}", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    /// <summary>Refuses a set whose already-applied files changed; returns the ones still to apply.</summary>
    public static IReadOnlyList<Migration> Pending(MigrationSet set, IReadOnlyDictionary<int, string> applied, string schema)
    {
        foreach (var migration in set.Migrations)
        {
            if (applied.TryGetValue(migration.Version, out var checksum) && !string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
            {
                throw new MigrationException($"Migration {migration.Name} was edited after it was applied to schema '{schema}': restore the original file and add a new migration instead.");
            }
        }

        return [.. set.Migrations.Where(migration => !applied.ContainsKey(migration.Version))];
    }

    /// <summary>Runs <paramref name="migration"/> and records it, inside the caller's transaction.</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string quotedSchema, Migration migration, CancellationToken cancellationToken)
    {
        await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var record = new NpgsqlCommand($"INSERT INTO {quotedSchema}.{TableName} (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction);
        record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
        record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
        record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
        await record.ExecuteNonQueryAsync(cancellationToken);
    }
}

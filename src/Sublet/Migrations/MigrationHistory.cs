using Npgsql;

namespace Sublet.Migrations;

/// <summary>The per-schema table recording which migrations ran, with their checksums.</summary>
internal static class MigrationHistory
{
    public const string TableName = "sublet_migration_history";

    public static string CreateTableSql(string quotedSchema) =>
        $"""
        CREATE TABLE IF NOT EXISTS {quotedSchema}.{TableName} (
            version integer PRIMARY KEY,
            name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>Whether <paramref name="schemaName"/> has the table: a schema without one was made outside Sublet, or never migrated.</summary>
    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schemaName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = schemaName });
        command.Parameters.Add(new NpgsqlParameter { Value = TableName });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    public static async Task EnsureTableAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string quotedSchema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CreateTableSql(quotedSchema), connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<Dictionary<int, AppliedMigration>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string quotedSchema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT version, name, checksum FROM {quotedSchema}.{TableName}", connection, transaction);
        return await ReadAppliedAsync(await command.ExecuteReaderAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Creates the table if missing and reads it, in one round trip.</summary>
    public static async Task<Dictionary<int, AppliedMigration>> EnsureAndReadAsync(NpgsqlConnection connection, string quotedSchema, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(CreateTableSql(quotedSchema)),
                new NpgsqlBatchCommand($"SELECT version, name, checksum FROM {quotedSchema}.{TableName}"),
            },
        };
        return await ReadAppliedAsync(await batch.ExecuteReaderAsync(cancellationToken), cancellationToken);
    }

    private static async Task<Dictionary<int, AppliedMigration>> ReadAppliedAsync(NpgsqlDataReader dataReader, CancellationToken cancellationToken)
    {
        await using var reader = dataReader;
        var applied = new Dictionary<int, AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = new AppliedMigration(reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    /// <summary>
    /// Refuses a schema whose history names migrations the set does not have (another app's, or a newer version's),
    /// and a set whose already-applied files changed; returns the ones still to apply.
    /// </summary>
    public static IReadOnlyList<Migration> Pending(MigrationSet set, IReadOnlyDictionary<int, AppliedMigration> applied, string schema)
    {
        var known = set.Migrations.Select(migration => migration.Name).ToHashSet(StringComparer.Ordinal);
        var foreign = applied.OrderBy(entry => entry.Key).Select(entry => entry.Value.Name).Where(name => !known.Contains(name)).ToList();
        if (foreign.Count > 0)
        {
            throw new MigrationException(
                $"Schema '{schema}' has migrations applied that this app does not have: {string.Join(", ", foreign)}. It was made or migrated by another app, or by another version of this one: use that app, or a schema of this app's own.");
        }

        foreach (var migration in set.Migrations)
        {
            if (applied.TryGetValue(migration.Version, out var recorded) && !string.Equals(recorded.Checksum, migration.Checksum, StringComparison.Ordinal))
            {
                throw new MigrationException($"Migration {migration.Name} was edited after it was applied to schema '{schema}': restore the original file and add a new migration instead.");
            }
        }

        return [.. set.Migrations.Where(migration => !applied.ContainsKey(migration.Version))];
    }

    /// <summary>
    /// SQL text that records <paramref name="migration"/> and runs its script, for one multi-statement command
    /// (one round trip however many migrations). The search_path must already select the schema.
    /// </summary>
    public static string ApplySql(string quotedSchema, Migration migration) =>
        $"INSERT INTO {quotedSchema}.{TableName} (version, name, checksum) VALUES ({migration.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {Literal(migration.Name)}, {Literal(migration.Checksum)});\n{Terminated(migration.Sql)}\n";

    // A script may end without a semicolon, or in a comment: the next statement must not run into it.
    private static string Terminated(string sql)
    {
        var trimmed = sql.TrimEnd();
        return trimmed.EndsWith(';') ? trimmed : trimmed + "\n;";
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

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

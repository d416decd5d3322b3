using Npgsql;

namespace Sublet.Tests.Infrastructure;

/// <summary>Small checks tests make directly against a database.</summary>
public static class Database
{
    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static Task<bool> SchemaExistsAsync(NpgsqlDataSource dataSource, string schema) =>
        CountAsync(dataSource, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", schema).ContinueWith(count => count.Result > 0, TaskScheduler.Default);

    /// <summary>The seed's own SQL for one company, as the Flask app's database was made.</summary>
    public static string SeedSchemaSql(string schema, string user) =>
        $"""
        CREATE SCHEMA {schema};
        CREATE TABLE {schema}.app_user (id serial PRIMARY KEY, username text UNIQUE NOT NULL, password text NOT NULL);
        CREATE TABLE {schema}.company_data (id serial PRIMARY KEY, description text NOT NULL);
        INSERT INTO {schema}.app_user (username, password) VALUES ('{user}', '$pbkdf2-sha256$29000$5ry31vofg7CWkhJCSClFKA$i01NZ9cAJCAYlXQCY2AXmcmJfe8eD5vZMDOy0h8tH2U');
        INSERT INTO {schema}.company_data (description) VALUES ('{schema} data');
        """;
}

using Sublet.Data;
using Sublet.Tenancy;

namespace Sublet.Server.Apis;

/// <summary>The seed's <c>app_user</c> table, in the current tenant's schema.</summary>
internal static class AppUsers
{
    public static async Task<(int Id, string PasswordHash)?> FindAsync(ITenantDatabase database, Tenant tenant, string username, CancellationToken cancellationToken)
    {
        await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT id, password FROM app_user WHERE username = $1", [username], cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }

    public static async Task SetPasswordHashAsync(ITenantDatabase database, Tenant tenant, int id, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(tenant, cancellationToken);
        await using (var command = connection.CreateCommand("UPDATE app_user SET password = $1 WHERE id = $2"))
        {
            command.Parameters.Add(new() { Value = passwordHash });
            command.Parameters.Add(new() { Value = id });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await connection.CommitAsync(cancellationToken);
    }

    /// <summary>Adds a user inside the caller's tenant transaction; false when the name is taken.</summary>
    public static async Task<bool> AddAsync(TenantConnection connection, string username, string passwordHash, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("INSERT INTO app_user (username, password) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING");
        command.Parameters.Add(new() { Value = username });
        command.Parameters.Add(new() { Value = passwordHash });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<bool> AddAsync(ITenantDatabase database, Tenant tenant, string username, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(tenant, cancellationToken);
        var added = await AddAsync(connection, username, passwordHash, cancellationToken);
        await connection.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Sets a user's password hash by name; false when there is no such user.</summary>
    public static Task<bool> SetPasswordHashAsync(ITenantDatabase database, Tenant tenant, string username, string passwordHash, CancellationToken cancellationToken) =>
        ChangeOneAsync(database, tenant, "UPDATE app_user SET password = $2 WHERE username = $1", [username, passwordHash], cancellationToken);

    /// <summary>Removes a user by name; false when there is no such user.</summary>
    public static Task<bool> RemoveAsync(ITenantDatabase database, Tenant tenant, string username, CancellationToken cancellationToken) =>
        ChangeOneAsync(database, tenant, "DELETE FROM app_user WHERE username = $1", [username], cancellationToken);

    public static async Task<IReadOnlyList<(int Id, string Username)>> ListAsync(ITenantDatabase database, Tenant tenant, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(tenant, cancellationToken);
        await using var command = connection.CreateCommand("SELECT id, username FROM app_user ORDER BY username");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<(int, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return users;
    }

    private static async Task<bool> ChangeOneAsync(ITenantDatabase database, Tenant tenant, string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(tenant, cancellationToken);
        int changed;
        await using (var command = connection.CreateCommand(sql))
        {
            foreach (var value in values)
            {
                command.Parameters.Add(new() { Value = value });
            }

            changed = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await connection.CommitAsync(cancellationToken);
        return changed == 1;
    }
}

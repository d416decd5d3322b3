using Sublet.Data;
using Sublet.Sessions;
using Sublet.Core;

namespace Sublet.Server.Apis;

/// <summary>The seed's <c>app_user</c> table, in the current tenant's schema.</summary>
internal static class AppUsers
{
    public static async Task<(int Id, string PasswordHash)?> FindAsync(ITenantDatabase database, Tenant tenant, string username, CancellationToken cancellationToken)
    {
        await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT id, password FROM app_user WHERE username = $1", [username], cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }

    /// <summary>Stores a stronger hash of the same password, at login; the user's sessions stay.</summary>
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

    /// <summary>
    /// Sets a user's password by name and ends the user's sessions: whoever knew the old password is logged out.
    /// False when there is no such user.
    /// </summary>
    public static async Task<bool> ChangePasswordAsync(
        ITenantDatabase database, ITenantSessions sessions, Tenant tenant, string username, string passwordHash, CancellationToken cancellationToken)
    {
        if (!await ChangeOneAsync(database, tenant, "UPDATE app_user SET password = $2 WHERE username = $1", [username, passwordHash], cancellationToken))
        {
            return false;
        }

        await sessions.RevokeUserAsync(tenant.Slug, username, cancellationToken);
        return true;
    }

    /// <summary>Removes a user by name and ends the user's sessions; false when there is no such user.</summary>
    public static async Task<bool> RemoveAsync(ITenantDatabase database, ITenantSessions sessions, Tenant tenant, string username, CancellationToken cancellationToken)
    {
        if (!await ChangeOneAsync(database, tenant, "DELETE FROM app_user WHERE username = $1", [username], cancellationToken))
        {
            return false;
        }

        await sessions.RevokeUserAsync(tenant.Slug, username, cancellationToken);
        return true;
    }

    /// <summary>
    /// Adds users with the password hashes they already have, in one transaction: all or none. A name that is taken
    /// is replaced when <paramref name="update"/> is set (and that user's sessions end), otherwise the import is
    /// rolled back and its index returned as <see cref="UserImport.Conflict"/>.
    /// </summary>
    public static async Task<UserImport> ImportAsync(
        ITenantDatabase database,
        ITenantSessions sessions,
        Tenant tenant,
        IReadOnlyList<(string Username, string PasswordHash)> users,
        bool update,
        CancellationToken cancellationToken)
    {
        var sql = update
            ? "INSERT INTO app_user (username, password) VALUES ($1, $2) ON CONFLICT (username) DO UPDATE SET password = EXCLUDED.password RETURNING xmax = 0"
            : "INSERT INTO app_user (username, password) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING RETURNING true";
        var updated = new List<string>();
        await using (var connection = await database.OpenAsync(tenant, cancellationToken))
        {
            for (var index = 0; index < users.Count; index++)
            {
                var (username, passwordHash) = users[index];
                await using var command = connection.CreateCommand(sql);
                command.Parameters.Add(new() { Value = username });
                command.Parameters.Add(new() { Value = passwordHash });
                // No row: the name was taken and left alone. false: xmax was set, so an existing row was updated.
                switch (await command.ExecuteScalarAsync(cancellationToken))
                {
                    case null:
                        return new UserImport(0, 0, index);
                    case false:
                        updated.Add(username);
                        break;
                }
            }

            await connection.CommitAsync(cancellationToken);
        }

        foreach (var username in updated)
        {
            await sessions.RevokeUserAsync(tenant.Slug, username, cancellationToken);
        }

        return new UserImport(users.Count - updated.Count, updated.Count, null);
    }

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

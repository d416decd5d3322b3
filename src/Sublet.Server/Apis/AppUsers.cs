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
}

using Npgsql;

namespace Sublet.Sessions;

/// <summary>Revokes sessions by deleting their rows in <c>sublet.session</c>.</summary>
internal sealed class TenantSessions(NpgsqlDataSource dataSource) : ITenantSessions
{
    /// <summary>Ends a tenant's sessions; for callers that must do it inside their own transaction.</summary>
    internal const string DeleteTenantSql = "DELETE FROM sublet.session WHERE tenant = $1";

    public async Task<int> RevokeUserAsync(string tenantSlug, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantSlug);
        ArgumentNullException.ThrowIfNull(userName);
        await using var command = dataSource.CreateCommand("DELETE FROM sublet.session WHERE tenant = $1 AND user_name = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantSlug });
        command.Parameters.Add(new NpgsqlParameter { Value = userName });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> RevokeTenantAsync(string tenantSlug, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantSlug);
        await using var command = dataSource.CreateCommand(DeleteTenantSql);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantSlug });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sublet.session WHERE idle_expires_at <= now() OR expires_at <= now()");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

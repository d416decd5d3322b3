using Npgsql;

namespace Sublet.Sessions;

/// <summary>Revokes sessions by deleting their rows in <c>sublet.session</c>.</summary>
internal sealed class TenantSessions(NpgsqlDataSource dataSource, SessionCache cache) : ITenantSessions
{
    /// <summary>
    /// Ends a tenant's sessions; for callers that must do it inside their own transaction. Servers' session
    /// caches drop them when the transaction commits and its notifications arrive.
    /// </summary>
    internal const string DeleteTenantSql = "DELETE FROM sublet.session WHERE tenant = $1";

    public async Task<int> RevokeUserAsync(string tenantSlug, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantSlug);
        ArgumentNullException.ThrowIfNull(userName);
        await using var command = dataSource.CreateCommand("DELETE FROM sublet.session WHERE tenant = $1 AND user_name = $2 RETURNING id_hash");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantSlug });
        command.Parameters.Add(new NpgsqlParameter { Value = userName });
        return await DeleteAndEvictAsync(command, cancellationToken);
    }

    public async Task<int> RevokeTenantAsync(string tenantSlug, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantSlug);
        await using var command = dataSource.CreateCommand(DeleteTenantSql + " RETURNING id_hash");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantSlug });
        return await DeleteAndEvictAsync(command, cancellationToken);
    }

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sublet.session WHERE idle_expires_at <= now() OR expires_at <= now()");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The trigger tells every server; this one evicts at once, so a revocation holds when the call returns.
    private async Task<int> DeleteAndEvictAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            cache.Evict(SessionKey.Hex(await reader.GetFieldValueAsync<byte[]>(0, cancellationToken)));
            count++;
        }

        return count;
    }
}

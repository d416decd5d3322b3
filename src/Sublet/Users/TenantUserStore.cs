using Microsoft.Extensions.Options;
using Sublet.Core;
using Sublet.Data;
using Sublet.Sessions;

namespace Sublet.Users;

/// <summary>
/// The default store: a table of each tenant's schema. Table and column names come from validated options and are
/// quoted; every value is a parameter.
/// </summary>
internal sealed class TenantUserStore(ITenantDatabase database, ITenantSessions sessions, IOptions<TenantUserOptions> options) : ITenantUserStore
{
    private readonly TenantUserSql _sql = new(options.Value);

    public async Task<TenantUser?> FindAsync(Tenant tenant, string username, CancellationToken cancellationToken = default)
    {
        await using var reader = await database.ExecuteReaderAsync(tenant, _sql.Find, [username], cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new TenantUser(username, reader.GetString(0)) : null;
    }

    public async Task<bool> AddAsync(Tenant tenant, string username, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(tenant, cancellationToken);
        var added = await AddAsync(connection, username, passwordHash, cancellationToken);
        await connection.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<bool> AddAsync(TenantConnection connection, string username, string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand(_sql.Add);
        command.Parameters.Add(new() { Value = username });
        command.Parameters.Add(new() { Value = passwordHash });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> SetPasswordAsync(Tenant tenant, string username, string passwordHash, CancellationToken cancellationToken = default)
    {
        if (!await ChangeOneAsync(tenant, _sql.SetPassword, [username, passwordHash], cancellationToken))
        {
            return false;
        }

        await sessions.RevokeUserAsync(tenant.Slug, username, cancellationToken);
        return true;
    }

    public Task<bool> UpgradePasswordHashAsync(Tenant tenant, string username, string passwordHash, CancellationToken cancellationToken = default) =>
        ChangeOneAsync(tenant, _sql.SetPassword, [username, passwordHash], cancellationToken);

    public async Task<bool> RemoveAsync(Tenant tenant, string username, CancellationToken cancellationToken = default)
    {
        if (!await ChangeOneAsync(tenant, _sql.Remove, [username], cancellationToken))
        {
            return false;
        }

        await sessions.RevokeUserAsync(tenant.Slug, username, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<string>> ListAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        await using var reader = await database.ExecuteReaderAsync(tenant, _sql.List, cancellationToken: cancellationToken);
        var users = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(reader.GetString(0));
        }

        return users;
    }

    public async Task<TenantUserImport> ImportAsync(Tenant tenant, IReadOnlyList<TenantUser> users, bool update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var updated = new List<string>();
        await using (var connection = await database.OpenAsync(tenant, cancellationToken))
        {
            for (var index = 0; index < users.Count; index++)
            {
                await using var command = connection.CreateCommand(update ? _sql.Upsert : _sql.Insert);
                command.Parameters.Add(new() { Value = users[index].Username });
                command.Parameters.Add(new() { Value = users[index].PasswordHash });
                // No row: the name was taken and left alone. false: xmax was set, so an existing row was updated.
                switch (await command.ExecuteScalarAsync(cancellationToken))
                {
                    case null:
                        return new TenantUserImport(0, 0, index);
                    case false:
                        updated.Add(users[index].Username);
                        break;
                }
            }

            await connection.CommitAsync(cancellationToken);
        }

        foreach (var username in updated)
        {
            await sessions.RevokeUserAsync(tenant.Slug, username, cancellationToken);
        }

        return new TenantUserImport(users.Count - updated.Count, updated.Count, null);
    }

    public Task<int> LogOutEverywhereAsync(Tenant tenant, string? username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return username is null
            ? sessions.RevokeTenantAsync(tenant.Slug, cancellationToken)
            : sessions.RevokeUserAsync(tenant.Slug, username, cancellationToken);
    }

    private async Task<bool> ChangeOneAsync(Tenant tenant, string sql, object[] values, CancellationToken cancellationToken)
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

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Core;
using Sublet.Hosting;

namespace Sublet.Sessions;

/// <summary>
/// Keeps cookie sessions in <c>sublet.session</c>, so the cookie holds only a session id and a deleted row
/// ends the session at once. Every store makes a new id: a login never reuses the id a visitor brought.
/// </summary>
internal sealed class PostgresTicketStore(NpgsqlDataSource dataSource, SessionCache cache, IOptions<TenantSessionOptions> options) : ITicketStore
{
    private readonly TenantSessionOptions _options = options.Value;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var tenant = ticket.Principal.FindFirst(SubletDefaults.TenantClaimType)?.Value
            ?? throw new InvalidOperationException("A tenant session needs the tenant claim: sign in with SignInTenantUserAsync.");
        var userName = ticket.Principal.Identity?.Name ?? string.Empty;
        var key = SessionKey.New();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new(
                    """
                    INSERT INTO sublet.session (id_hash, tenant, user_name, ticket, idle_expires_at, expires_at)
                    VALUES ($1, $2, $3, $4, now() + $5, now() + $6)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = SessionKey.Hash(key) },
                        new() { Value = tenant },
                        new() { Value = userName },
                        new() { Value = TicketSerializer.Default.Serialize(ticket) },
                        new() { Value = _options.IdleTimeout },
                        new() { Value = _options.AbsoluteTimeout },
                    },
                },

                // The insert's foreign key check holds the tenant's row, so this read comes after any suspension,
                // rename or deletion that locked the row first; one that comes later waits for this transaction,
                // and its delete then finds the session.
                CatalogStore.TenantIsActive(tenant),
            },
        };

        try
        {
            if (await batch.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw new TenantNotActiveException(tenant);
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new TenantNotActiveException(tenant);
        }

        await transaction.CommitAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        // A renewal never revives a revoked or expired session: only a live row is updated.
        await using var command = dataSource.CreateCommand(
            """
            UPDATE sublet.session SET ticket = $2, idle_expires_at = now() + $3
            WHERE id_hash = $1 AND now() < idle_expires_at AND now() < expires_at
            """);
        var hash = SessionKey.Hash(key);
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        command.Parameters.Add(new NpgsqlParameter { Value = TicketSerializer.Default.Serialize(ticket) });
        command.Parameters.Add(new NpgsqlParameter { Value = _options.IdleTimeout });
        await command.ExecuteNonQueryAsync(cancellationToken);
        cache.Evict(SessionKey.Hex(hash));
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        // Off its tenant's host a session does not exist: the row is not even read.
        var tenant = httpContext?.GetTenant()?.Slug;
        if (tenant is null)
        {
            return null;
        }

        var hash = SessionKey.Hash(key);
        var idHash = SessionKey.Hex(hash);
        if (cache.Find(idHash, tenant) is { } cached)
        {
            return cached;
        }

        var version = cache.Version;
        await using var command = dataSource.CreateCommand(
            """
            WITH live AS (
                SELECT id_hash, ticket, idle_expires_at, expires_at FROM sublet.session
                WHERE id_hash = $1 AND tenant = $2 AND now() < idle_expires_at AND now() < expires_at
            ), touched AS (
                UPDATE sublet.session AS s SET idle_expires_at = now() + $3
                FROM live WHERE s.id_hash = live.id_hash AND live.idle_expires_at < now() + $3 - $4
            )
            SELECT ticket, least(idle_expires_at, expires_at) FROM live
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = _options.IdleTimeout });
        // Sliding the idle expiry costs a write; doing it at most once per touch interval keeps most reads read-only.
        command.Parameters.Add(new NpgsqlParameter { Value = _options.TouchInterval });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var ticket = TicketSerializer.Default.Deserialize(await reader.GetFieldValueAsync<byte[]>(0, cancellationToken));
        if (ticket is not null)
        {
            cache.Add(idHash, tenant, ticket, await reader.GetFieldValueAsync<DateTimeOffset>(1, cancellationToken), version);
        }

        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sublet.session WHERE id_hash = $1");
        var hash = SessionKey.Hash(key);
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await command.ExecuteNonQueryAsync(cancellationToken);
        // The trigger tells every server; this one need not wait for its own notification.
        cache.Evict(SessionKey.Hex(hash));
    }
}

using Npgsql;

namespace Sublet.Core;

/// <summary>The statements on <c>sublet.tenant_domain</c>, a tenant's custom domains.</summary>
internal static partial class CatalogStore
{
    private const string DomainColumns = "domain, tenant, status, is_primary, token, created_at, checked_at";

    // The first key of the two-key advisory locks on a tenant's domains: "Dom" in ASCII.
    private const int DomainLockClass = 0x446f6d;

    /// <summary>What a serving process routes by: the active domains of one tenant, or of all when <paramref name="slug"/> is null.</summary>
    public static async Task<List<(string Domain, string Tenant, bool IsPrimary)>> ActiveDomainsAsync(
        NpgsqlDataSource central, string? slug, CancellationToken cancellationToken)
    {
        await using var command = central.CreateCommand(
            "SELECT domain, tenant, is_primary FROM sublet.tenant_domain WHERE status = 'active' AND ($1::text IS NULL OR tenant = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)slug ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var domains = new List<(string, string, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            domains.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        }

        return domains;
    }

    /// <summary>A tenant's domains, primary first; null when there is no such tenant.</summary>
    public static async Task<List<TenantDomain>?> ListDomainsAsync(NpgsqlDataSource central, string slug, CancellationToken cancellationToken)
    {
        await using var batch = central.CreateBatch();
        batch.BatchCommands.Add(new("SELECT count(*) FROM sublet.tenant WHERE slug = $1") { Parameters = { new() { Value = slug } } });
        batch.BatchCommands.Add(new($"SELECT {DomainColumns} FROM sublet.tenant_domain WHERE tenant = $1 ORDER BY is_primary DESC, domain")
        {
            Parameters = { new() { Value = slug } },
        });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var exists = reader.GetInt64(0) == 1;
        await reader.NextResultAsync(cancellationToken);
        var domains = new List<TenantDomain>();
        while (await reader.ReadAsync(cancellationToken))
        {
            domains.Add(ReadDomain(reader));
        }

        return exists ? domains : null;
    }

    /// <summary>Pending domains, the longest unchecked first.</summary>
    public static async Task<List<TenantDomain>> PendingDomainsAsync(NpgsqlDataSource central, int limit, CancellationToken cancellationToken)
    {
        await using var command = central.CreateCommand(
            $"SELECT {DomainColumns} FROM sublet.tenant_domain WHERE status = 'pending' ORDER BY checked_at NULLS FIRST LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var domains = new List<TenantDomain>();
        while (await reader.ReadAsync(cancellationToken))
        {
            domains.Add(ReadDomain(reader));
        }

        return domains;
    }

    /// <summary>The domain's row, whichever tenant has it; null when no tenant does.</summary>
    public static async Task<TenantDomain?> FindDomainAsync(NpgsqlConnection central, NpgsqlTransaction? transaction, string domain, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {DomainColumns} FROM sublet.tenant_domain WHERE domain = $1", central, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDomain(reader) : null;
    }

    /// <summary>
    /// Whether the tenant exists, with its domains locked for this transaction so they change one writer at a time. An
    /// advisory lock, not a row lock on <c>sublet.tenant</c>: a server running without rights to update the catalog
    /// (docs/security.md) still serves the tenant's own domain requests.
    /// </summary>
    public static async Task<bool> LockTenantDomainsAsync(NpgsqlConnection central, NpgsqlTransaction transaction, string slug, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({DomainLockClass}, hashtext($1)), EXISTS (SELECT 1 FROM sublet.tenant WHERE slug = $1)", central, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetBoolean(1);
    }

    /// <summary>Adds the domain to the tenant; false when any tenant already has it.</summary>
    public static async Task<bool> InsertDomainAsync(
        NpgsqlConnection central, NpgsqlTransaction transaction, string slug, string domain, string? token, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO sublet.tenant_domain (domain, tenant, status, token) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            central,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = domain });
        insert.Parameters.Add(new NpgsqlParameter { Value = slug });
        insert.Parameters.Add(new NpgsqlParameter { Value = token is null ? "active" : "pending" });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)token ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Makes the tenant's pending domain active (the operator trusts it, or DNS proved it); whether it was pending.</summary>
    public static async Task<bool> ActivateDomainAsync(
        NpgsqlConnection central, NpgsqlTransaction transaction, string slug, string domain, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE sublet.tenant_domain SET status = 'active', checked_at = now() WHERE domain = $1 AND tenant = $2 AND status = 'pending'",
            central,
            transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = domain });
        update.Parameters.Add(new NpgsqlParameter { Value = slug });
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task MarkDomainCheckedAsync(NpgsqlDataSource central, string domain, CancellationToken cancellationToken)
    {
        await using var update = central.CreateCommand("UPDATE sublet.tenant_domain SET checked_at = now() WHERE domain = $1");
        update.Parameters.Add(new NpgsqlParameter { Value = domain });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes the tenant's domain; whether it had it.</summary>
    public static async Task<bool> DeleteDomainAsync(
        NpgsqlConnection central, NpgsqlTransaction transaction, string slug, string domain, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM sublet.tenant_domain WHERE domain = $1 AND tenant = $2", central, transaction);
        delete.Parameters.Add(new NpgsqlParameter { Value = domain });
        delete.Parameters.Add(new NpgsqlParameter { Value = slug });
        return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Makes <paramref name="domain"/> the tenant's primary, or with null its oldest active domain when it has no primary;
    /// whether the domain is (now) primary. Two statements: the one-primary index is checked row by row.
    /// </summary>
    public static async Task<bool> SetPrimaryDomainAsync(
        NpgsqlConnection central, NpgsqlTransaction transaction, string slug, string? domain, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(central, transaction);
        if (domain is not null)
        {
            batch.BatchCommands.Add(new(
                "UPDATE sublet.tenant_domain SET is_primary = false WHERE tenant = $1 AND is_primary AND domain <> $2 AND EXISTS (SELECT 1 FROM sublet.tenant_domain WHERE domain = $2 AND tenant = $1 AND status = 'active')")
            {
                Parameters = { new() { Value = slug }, new() { Value = domain } },
            });
        }

        batch.BatchCommands.Add(new(
            """
            UPDATE sublet.tenant_domain SET is_primary = true
            WHERE domain = coalesce($2, (SELECT domain FROM sublet.tenant_domain WHERE tenant = $1 AND status = 'active' ORDER BY created_at, domain LIMIT 1))
              AND tenant = $1 AND status = 'active'
              AND NOT EXISTS (SELECT 1 FROM sublet.tenant_domain WHERE tenant = $1 AND is_primary)
            """)
        {
            Parameters = { new() { Value = slug }, new() { Value = (object?)domain ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } },
        });
        batch.BatchCommands.Add(new("SELECT count(*) FROM sublet.tenant_domain WHERE domain = $2 AND tenant = $1 AND is_primary")
        {
            Parameters = { new() { Value = slug }, new() { Value = (object?)domain ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } },
        });
        return Convert.ToInt64(await batch.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private static TenantDomain ReadDomain(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2) == "active" ? DomainStatus.Active : DomainStatus.Pending,
        reader.GetBoolean(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
}

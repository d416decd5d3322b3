using Npgsql;
using Sublet.Citus;
using Sublet.Migrations;
using Sublet.Sessions;
using Sublet.Tenancy;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Provisioning;

/// <summary>A tenant's life after its creation: read, suspend, resume, rename, delete and adopt (in its own file).</summary>
internal sealed partial class TenantLifecycle(
    ShardDataSources shards,
    TenantMigrations migrations,
    ITenantCatalog catalog,
    SlugRules slugRules,
    SchemaArchiver archiver,
    CitusMode citus) : ITenantLifecycle
{
    public Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync(new TenantListQuery(), cancellationToken);

    public Task<IReadOnlyList<TenantInfo>> ListAsync(TenantListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit ?? 1, 1, nameof(query));
        return CatalogStore.ListTenantsAsync(shards.Central, query.After, query.Limit, query.Prefix, query.Status, query.Shard, cancellationToken);
    }

    public async Task<TenantInfo> GetAsync(string slug, CancellationToken cancellationToken = default) =>
        await CatalogStore.FindTenantAsync(shards.Central, slug, cancellationToken) ?? throw NotFound(slug);

    public async Task<TenantInfo> SuspendAsync(string slug, CancellationToken cancellationToken = default)
    {
        // Its sessions end in the same transaction; servers answer 403 as they reload.
        var suspended = await UpdateEndingSessionsAsync(
                slug, (connection, transaction) => CatalogStore.SetStatusAsync(connection, transaction, slug, "suspended", cancellationToken), cancellationToken)
            ?? throw NotFound(slug);
        await catalog.ReloadTenantsAsync([slug], cancellationToken);
        return suspended;
    }

    public Task<TenantInfo> ResumeAsync(string slug, CancellationToken cancellationToken = default) =>
        SetStatusAsync(slug, "active", cancellationToken);

    public async Task<TenantInfo> RenameAsync(string slug, string newSlug, CancellationToken cancellationToken = default)
    {
        var target = slugRules.Validate(newSlug);
        TenantInfo? renamed;
        try
        {
            renamed = await UpdateEndingSessionsAsync(
                slug, (connection, transaction) => CatalogStore.RenameTenantAsync(connection, transaction, slug, target.Value, cancellationToken), cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new TenantProvisioningException(TenantProvisioningError.AlreadyExists, $"Tenant '{target.Value}' already exists.");
        }

        await catalog.ReloadTenantsAsync([slug, target.Value], cancellationToken);
        return renamed ?? throw NotFound(slug);
    }

    /// <summary>
    /// Updates a tenant's row and ends its sessions in one transaction: a suspension ends them, and so does a
    /// rename, since sessions name their tenant by slug and must never follow it to a host they were not issued
    /// on. The row is locked first, so a login finishing meanwhile cannot slip a session in between the delete and
    /// the update: its insert waits for the lock, and it then finds the tenant changed (see
    /// <see cref="Sessions.PostgresTicketStore"/>).
    /// </summary>
    private async Task<TenantInfo?> UpdateEndingSessionsAsync(
        string slug, Func<NpgsqlConnection, NpgsqlTransaction, Task<TenantInfo?>> update, CancellationToken cancellationToken)
    {
        await using var connection = await shards.Central.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(CatalogStore.LockTenant(slug));
            batch.BatchCommands.Add(new(TenantSessions.DeleteTenantSql) { Parameters = { new() { Value = slug } } });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        var updated = await update(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return updated;
    }

    public async Task DeleteAsync(string slug, string? archivePath = null, CancellationToken cancellationToken = default)
    {
        var tenant = await GetAsync(slug, cancellationToken);
        if (archivePath is not null)
        {
            await archiver.DumpSchemaAsync(tenant.SchemaName, tenant.Shard, archivePath, cancellationToken);
        }

        await using (var central = await shards.Central.OpenConnectionAsync(cancellationToken))
        await using (var centralTransaction = await central.BeginTransactionAsync(cancellationToken))
        {
            if (!await CatalogStore.DeleteTenantAsync(central, centralTransaction, tenant.Slug, tenant.SchemaName, tenant.Shard, cancellationToken))
            {
                throw NotFound(slug);
            }

            // The tenant's sessions go with its row (ON DELETE CASCADE), so a tenant made later under the same
            // slug never accepts them. The name comes from the catalog row just deleted, never from the caller.
            var drop = $"DROP SCHEMA IF EXISTS {SqlIdentifier.Quote(tenant.SchemaName)} CASCADE";
            if (tenant.Shard == ShardNames.Default)
            {
                await using var dropHere = new NpgsqlCommand(drop, central, centralTransaction);
                await dropHere.ExecuteNonQueryAsync(cancellationToken);
                await centralTransaction.CommitAsync(cancellationToken);
            }
            else
            {
                // Dropped but not committed until the row is gone: if the catalog commit fails, the schema stays.
                await using var remote = await shards.For(tenant.Shard).OpenConnectionAsync(cancellationToken);
                await using var remoteTransaction = await remote.BeginTransactionAsync(cancellationToken);
                await using (var dropThere = new NpgsqlCommand(drop, remote, remoteTransaction))
                {
                    await dropThere.ExecuteNonQueryAsync(cancellationToken);
                }

                await centralTransaction.CommitAsync(cancellationToken);
                await remoteTransaction.CommitAsync(cancellationToken);
            }
        }

        await catalog.ReloadTenantsAsync([slug], cancellationToken);
    }

    private async Task<TenantInfo> SetStatusAsync(string slug, string status, CancellationToken cancellationToken)
    {
        var tenant = await CatalogStore.SetStatusAsync(shards.Central, slug, status, cancellationToken)
            ?? throw NotFound(slug);
        await catalog.ReloadTenantsAsync([slug], cancellationToken);
        return tenant;
    }

    private static TenantProvisioningException NotFound(string slug) => TenantProvisioningException.NoTenant(slug);
}

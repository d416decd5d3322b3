using System.Security.Cryptography;
using Npgsql;
using Sublet.Core;

namespace Sublet.Domains;

/// <summary>Custom domain changes, each one transaction with the tenant's domains locked; this process's map is updated before returning.</summary>
internal sealed class TenantDomains(NpgsqlDataSource central, DomainRules rules, DomainMap map, DnsTxtLookup dns) : ITenantDomains
{
    public string? PrimaryDomainOf(string slug) => map.PrimaryOf(slug);

    public async Task<IReadOnlyList<TenantDomain>> ListAsync(string slug, CancellationToken cancellationToken = default) =>
        await CatalogStore.ListDomainsAsync(central, slug, cancellationToken) ?? throw NoTenant(slug);

    public Task<TenantDomain> AddAsync(string slug, string domain, bool primary = false, CancellationToken cancellationToken = default) =>
        InsertAsync(slug, rules.Validate(domain), token: null, primary, cancellationToken);

    public Task<TenantDomain> ClaimAsync(string slug, string domain, CancellationToken cancellationToken = default) =>
        InsertAsync(slug, rules.Validate(domain), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), primary: false, cancellationToken);

    public async Task<TenantDomain> VerifyAsync(string slug, string domain, CancellationToken cancellationToken = default)
    {
        var name = DomainRules.Normalize(domain) ?? throw NoDomain(slug, domain);
        var found = (await ListAsync(slug, cancellationToken)).FirstOrDefault(row => row.Domain == name) ?? throw NoDomain(slug, name);
        if (found.Status == DomainStatus.Active)
        {
            return found;
        }

        if (!await dns.HoldsTokenAsync(found, found.VerificationToken!, cancellationToken))
        {
            await CatalogStore.MarkDomainCheckedAsync(central, name, cancellationToken);
            throw new DomainException(
                DomainError.NotVerified,
                $"The TXT record {found.VerificationRecord} does not hold '{found.VerificationToken}' yet; DNS changes can take a while to show.");
        }

        return await ActivateAsync(found, cancellationToken) ?? throw NoDomain(slug, name);
    }

    /// <summary>Activates a pending domain whose record was found; null when it is no longer pending (removed meanwhile).</summary>
    internal async Task<TenantDomain?> ActivateAsync(TenantDomain pending, CancellationToken cancellationToken)
    {
        var activated = await InTenantTransactionAsync(pending.Tenant, async (connection, transaction) =>
        {
            if (!await CatalogStore.ActivateDomainAsync(connection, transaction, pending.Tenant, pending.Domain, cancellationToken))
            {
                return null;
            }

            await CatalogStore.SetPrimaryDomainAsync(connection, transaction, pending.Tenant, null, cancellationToken);
            return await CatalogStore.FindDomainAsync(connection, transaction, pending.Domain, cancellationToken);
        }, cancellationToken);
        await map.ReloadTenantsAsync([pending.Tenant], cancellationToken);
        return activated;
    }

    public async Task<TenantDomain> SetPrimaryAsync(string slug, string domain, CancellationToken cancellationToken = default)
    {
        var name = DomainRules.Normalize(domain) ?? throw NoDomain(slug, domain);
        var result = await InTenantTransactionAsync(slug, async (connection, transaction) =>
        {
            if (await CatalogStore.SetPrimaryDomainAsync(connection, transaction, slug, name, cancellationToken))
            {
                return await CatalogStore.FindDomainAsync(connection, transaction, name, cancellationToken);
            }

            var found = await CatalogStore.FindDomainAsync(connection, transaction, name, cancellationToken);
            throw found is { Status: DomainStatus.Pending } && found.Tenant == slug
                ? new DomainException(DomainError.NotVerified, $"'{name}' is pending: it can be the primary once its TXT record is found.")
                : NoDomain(slug, name);
        }, cancellationToken);
        await map.ReloadTenantsAsync([slug], cancellationToken);
        return result!;
    }

    public async Task RemoveAsync(string slug, string domain, CancellationToken cancellationToken = default)
    {
        var name = DomainRules.Normalize(domain) ?? throw NoDomain(slug, domain);
        await InTenantTransactionAsync(slug, async (connection, transaction) =>
        {
            if (!await CatalogStore.DeleteDomainAsync(connection, transaction, slug, name, cancellationToken))
            {
                throw NoDomain(slug, name);
            }

            await CatalogStore.SetPrimaryDomainAsync(connection, transaction, slug, null, cancellationToken);
            return (TenantDomain?)null;
        }, cancellationToken);
        await map.ReloadTenantsAsync([slug], cancellationToken);
    }

    private async Task<TenantDomain> InsertAsync(string slug, string domain, string? token, bool primary, CancellationToken cancellationToken)
    {
        var result = await InTenantTransactionAsync(slug, async (connection, transaction) =>
        {
            if (!await CatalogStore.InsertDomainAsync(connection, transaction, slug, domain, token, cancellationToken))
            {
                var existing = await CatalogStore.FindDomainAsync(connection, transaction, domain, cancellationToken);
                if (existing is null || existing.Tenant != slug)
                {
                    // Never taken over, whatever the claimant can prove: the operator removes it from its tenant first.
                    throw new DomainException(DomainError.Taken, $"'{domain}' belongs to another tenant.");
                }

                if (token is null)
                {
                    await CatalogStore.ActivateDomainAsync(connection, transaction, slug, domain, cancellationToken);
                }
            }

            if (primary)
            {
                await CatalogStore.SetPrimaryDomainAsync(connection, transaction, slug, domain, cancellationToken);
            }

            await CatalogStore.SetPrimaryDomainAsync(connection, transaction, slug, null, cancellationToken);
            return await CatalogStore.FindDomainAsync(connection, transaction, domain, cancellationToken);
        }, cancellationToken);
        await map.ReloadTenantsAsync([slug], cancellationToken);
        return result!;
    }

    private async Task<TenantDomain?> InTenantTransactionAsync(
        string slug, Func<NpgsqlConnection, NpgsqlTransaction, Task<TenantDomain?>> work, CancellationToken cancellationToken)
    {
        await using var connection = await central.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await CatalogStore.LockTenantDomainsAsync(connection, transaction, slug, cancellationToken))
        {
            throw NoTenant(slug);
        }

        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static DomainException NoTenant(string slug) => new(DomainError.TenantNotFound, TenantProvisioningException.NoTenantMessage(slug));

    private static DomainException NoDomain(string slug, string domain) => new(DomainError.DomainNotFound, $"Tenant '{slug}' has no domain '{domain}'.");
}

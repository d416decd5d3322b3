using Sublet.Core;

namespace Sublet.Domains;

/// <summary>
/// A tenant's custom domains. The operator's additions are trusted and active at once; a tenant's own claims stay
/// pending until the TXT record <c>_sublet.&lt;domain&gt;</c> holds their token. A domain belongs to one tenant
/// at most, and a tenant's first active domain becomes its primary. Running servers route the change within moments.
/// </summary>
public interface ITenantDomains
{
    /// <summary>The tenant's primary domain as this process routes it (from memory, no database round trip); null when it has none.</summary>
    string? PrimaryDomainOf(string slug);

    /// <summary>The tenant's domains, primary first.</summary>
    /// <exception cref="DomainException">No such tenant.</exception>
    Task<IReadOnlyList<TenantDomain>> ListAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>The operator's addition: active at once (a pending claim of the tenant's own becomes active), primary if asked.</summary>
    /// <exception cref="DomainException">An invalid or reserved name, another tenant's domain, or no such tenant.</exception>
    Task<TenantDomain> AddAsync(string slug, string domain, bool primary = false, CancellationToken cancellationToken = default);

    /// <summary>The tenant's own claim: pending, with the token its TXT record must hold. Claiming it again returns the same.</summary>
    /// <exception cref="DomainException">An invalid or reserved name, another tenant's domain, or no such tenant.</exception>
    Task<TenantDomain> ClaimAsync(string slug, string domain, CancellationToken cancellationToken = default);

    /// <summary>Looks the pending domain's TXT record up now and activates it when it holds the token.</summary>
    /// <exception cref="DomainException">The record does not hold the token (<see cref="DomainError.NotVerified"/>), or no such domain.</exception>
    Task<TenantDomain> VerifyAsync(string slug, string domain, CancellationToken cancellationToken = default);

    /// <summary>Makes an active domain the tenant's primary.</summary>
    /// <exception cref="DomainException">No such domain, or it is pending.</exception>
    Task<TenantDomain> SetPrimaryAsync(string slug, string domain, CancellationToken cancellationToken = default);

    /// <summary>Removes the domain; when it was the primary, the tenant's oldest other active domain takes its place.</summary>
    /// <exception cref="DomainException">The tenant has no such domain.</exception>
    Task RemoveAsync(string slug, string domain, CancellationToken cancellationToken = default);
}

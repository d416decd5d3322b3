namespace Sublet.Core;

/// <summary>One custom domain of a tenant, as the catalog stores it.</summary>
/// <param name="Domain">The domain, normalised: lower case, punycode, no trailing dot.</param>
/// <param name="Tenant">The slug of the tenant it belongs to.</param>
/// <param name="Status">Whether it routes to the tenant yet.</param>
/// <param name="IsPrimary">Whether it is the tenant's canonical address.</param>
/// <param name="VerificationToken">What the TXT record <c>_sublet.&lt;domain&gt;</c> must hold; null for a domain the operator added.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="CheckedAt">When its TXT record was last looked up, if ever.</param>
public sealed record TenantDomain(
    string Domain,
    string Tenant,
    DomainStatus Status,
    bool IsPrimary,
    string? VerificationToken,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CheckedAt)
{
    /// <summary>The name of the TXT record that proves ownership: <c>_sublet.&lt;domain&gt;</c>.</summary>
    public string VerificationRecord => "_sublet." + Domain;
}

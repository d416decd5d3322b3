namespace Sublet.Domains;

/// <summary>Why a custom domain operation was refused.</summary>
public enum DomainError
{
    /// <summary>Not a valid DNS name, an IP address, or a single label.</summary>
    InvalidDomain,

    /// <summary>The server name, one of its subdomains, or a name reserved for special use (<c>localhost</c>, <c>.local</c>, …).</summary>
    ReservedDomain,

    /// <summary>Another tenant has the domain.</summary>
    Taken,

    /// <summary>No tenant has this slug.</summary>
    TenantNotFound,

    /// <summary>The tenant has no such domain.</summary>
    DomainNotFound,

    /// <summary>The domain is pending: its TXT record has not been found yet.</summary>
    NotVerified,
}

namespace Sublet.Core;

/// <summary>Whether a tenant's host serves requests.</summary>
public enum TenantStatus
{
    /// <summary>Serves requests.</summary>
    Active,

    /// <summary>Answers 403: the tenant exists but is blocked.</summary>
    Suspended,
}

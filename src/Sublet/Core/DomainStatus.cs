namespace Sublet.Core;

/// <summary>Whether a custom domain routes to its tenant.</summary>
public enum DomainStatus
{
    /// <summary>Serves the tenant: added by the operator, or its ownership proven in DNS.</summary>
    Active,

    /// <summary>Claimed by the tenant, waiting for its TXT record; answers 404 until then.</summary>
    Pending,
}

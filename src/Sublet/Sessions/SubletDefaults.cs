namespace Sublet.Sessions;

/// <summary>Names Sublet registers under.</summary>
public static class SubletDefaults
{
    /// <summary>The cookie authentication scheme of tenant sessions.</summary>
    public const string AuthenticationScheme = "Sublet";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "sublet_session";

    /// <summary>The claim naming the tenant a session belongs to.</summary>
    public const string TenantClaimType = "sublet:tenant";

    /// <summary>The claim naming the custom domain a session was signed in on; absent for the tenant's subdomain.</summary>
    public const string DomainClaimType = "sublet:domain";

    /// <summary>The Data Protection application name every Sublet server shares, so they read each other's cookies.</summary>
    public const string DataProtectionApplicationName = "sublet";
}

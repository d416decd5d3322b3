namespace Sublet.Admin;

/// <summary>Names for the admin API's bearer scheme and the policy that requires it.</summary>
public static class AdminTokenAuthentication
{
    /// <summary>The authentication scheme; never the default, so tenant cookies are not affected.</summary>
    public const string Scheme = "SubletAdminToken";

    /// <summary>The authorization policy the admin endpoints require.</summary>
    public const string Policy = "SubletAdmin";
}

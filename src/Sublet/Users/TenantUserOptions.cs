namespace Sublet.Users;

/// <summary>
/// Where the default <see cref="ITenantUserStore"/> keeps users, in each tenant's schema: by default the seed's
/// <c>app_user(username, password)</c>. The username column needs a unique constraint. Names are checked at start
/// (lowercase SQL identifiers) and always quoted.
/// </summary>
public sealed class TenantUserOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sublet:Users";

    /// <summary>The users table, in each tenant's schema.</summary>
    public string Table { get; set; } = "app_user";

    /// <summary>The login name column; unique.</summary>
    public string UsernameColumn { get; set; } = "username";

    /// <summary>The password hash column.</summary>
    public string PasswordColumn { get; set; } = "password";
}

namespace Sublet.Security;

/// <summary>How many login attempts are allowed, bound from the <c>Sublet:LoginLimits</c> configuration section.</summary>
public sealed class LoginLimitOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:LoginLimits";

    /// <summary>Failed logins per tenant, username and client address in each <see cref="PerUserWindow"/>; successful logins are not counted.</summary>
    public int PerUserPermitLimit { get; set; } = 10;

    /// <summary>The window <see cref="PerUserPermitLimit"/> counts in.</summary>
    public TimeSpan PerUserWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per client address (an IPv6 /64 counts as one) in each <see cref="PerAddressWindow"/>, across all tenants.</summary>
    public int PerAddressPermitLimit { get; set; } = 100;

    /// <summary>The window <see cref="PerAddressPermitLimit"/> counts in.</summary>
    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(1);
}

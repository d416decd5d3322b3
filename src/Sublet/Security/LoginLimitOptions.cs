using System.ComponentModel.DataAnnotations;

namespace Sublet.Security;

/// <summary>How many login attempts are allowed, bound from the <c>Sublet:LoginLimits</c> configuration section.</summary>
public sealed class LoginLimitOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:LoginLimits";

    /// <summary>Failed logins per tenant, username and client address in each <see cref="PerUserWindow"/>; successful logins are not counted.</summary>
    [Range(1, int.MaxValue)]
    public int PerUserPermitLimit { get; set; } = 10;

    /// <summary>The window <see cref="PerUserPermitLimit"/> counts in.</summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807")]
    public TimeSpan PerUserWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per client address (an IPv6 /64 counts as one) in each <see cref="PerAddressWindow"/>, across all tenants.</summary>
    [Range(1, int.MaxValue)]
    public int PerAddressPermitLimit { get; set; } = 100;

    /// <summary>The window <see cref="PerAddressPermitLimit"/> counts in.</summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807")]
    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(1);
}

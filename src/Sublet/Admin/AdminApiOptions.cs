namespace Sublet.Admin;

/// <summary>The admin API's settings, in the <c>Sublet</c> section.</summary>
public sealed class AdminApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sublet";

    /// <summary>Short tokens can be guessed; 32 random bytes in base64 are 44 characters.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>The bearer token <c>/api/tenants</c> requires; unset means the API is off (404).</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// Accept the token over plain HTTP from any address, not only from loopback; for a network the operator trusts
    /// end to end. Off by default: behind a TLS-terminating proxy, list the proxy in <c>Sublet:ForwardedHeaders</c>.
    /// </summary>
    public bool AllowAdminTokenOverHttp { get; set; }

    /// <summary>Whether the API is served.</summary>
    public bool Enabled => !string.IsNullOrEmpty(AdminToken);
}

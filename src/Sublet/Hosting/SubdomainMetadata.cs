namespace Sublet.Hosting;

/// <summary>Endpoint metadata saying which host an endpoint answers on, like Flask's <c>subdomain=</c>.</summary>
public sealed class SubdomainMetadata
{
    private SubdomainMetadata(HostKind kind, string? subdomain)
    {
        Kind = kind;
        Subdomain = subdomain;
    }

    /// <summary>Answers on any tenant's subdomain.</summary>
    public static SubdomainMetadata AnyTenant { get; } = new(HostKind.Subdomain, null);

    /// <summary>Answers only on the bare server name.</summary>
    public static SubdomainMetadata Central { get; } = new(HostKind.Central, null);

    /// <summary><see cref="HostKind.Central"/>, or <see cref="HostKind.Subdomain"/> for a tenant or fixed label.</summary>
    public HostKind Kind { get; }

    /// <summary>The fixed label (e.g. <c>admin</c>), or null for any tenant.</summary>
    public string? Subdomain { get; }

    /// <summary>Answers only on one fixed subdomain.</summary>
    public static SubdomainMetadata Fixed(string subdomain) => new(HostKind.Subdomain, subdomain.ToLowerInvariant());

    internal bool Matches(SubletRequest request) => Kind switch
    {
        HostKind.Central => request.Kind == HostKind.Central,
        HostKind.Subdomain when Subdomain is null => request.Tenant is not null,
        HostKind.Subdomain => request.Kind == HostKind.Subdomain && request.Tenant is null
            && string.Equals(request.Subdomain, Subdomain, StringComparison.Ordinal),
        _ => false,
    };
}

namespace Sublet.Hosting;

/// <summary>What a request's <c>Host</c> names, relative to the configured <see cref="ServerName"/>.</summary>
public enum HostKind
{
    /// <summary>Not a syntactically valid host: answered 400.</summary>
    Malformed,

    /// <summary>A valid host that is neither the server name, one label below it, nor a tenant's active custom domain: answered 404.</summary>
    Foreign,

    /// <summary>The server name itself: the central site, no tenant.</summary>
    Central,

    /// <summary>One label below the server name: a tenant's slug or a fixed subdomain such as <c>admin</c>.</summary>
    Subdomain,

    /// <summary>A tenant's active custom domain.</summary>
    CustomDomain,
}

namespace Sublet.Server.Web;

/// <summary>The two HTML pages: a tenant's workspace page and the central welcome page.</summary>
internal sealed class WebPages(StaticAssets assets)
{
    private readonly PageTemplate _tenant = PageTemplate.Load("tenant.html");
    private readonly PageTemplate _central = PageTemplate.Load("central.html");

    public string Tenant(string tenantName) =>
        _tenant.Render(assets, new Dictionary<string, string>(StringComparer.Ordinal) { ["tenant"] = tenantName });

    /// <param name="scheme">The scheme the browser used, shown before the workspace field.</param>
    /// <param name="host">The central host as the browser sent it, shown after the workspace field.</param>
    public string Central(string scheme, string host) =>
        _central.Render(assets, new Dictionary<string, string>(StringComparer.Ordinal) { ["scheme"] = scheme, ["host"] = host });
}

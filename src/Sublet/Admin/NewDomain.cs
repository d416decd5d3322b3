namespace Sublet.Admin;

/// <summary>The body that adds a custom domain: <c>{"domain": "app.example.com", "primary": true}</c>.</summary>
internal sealed record NewDomain(string? Domain, bool Primary = false);

namespace Sublet.Server.Apis;

/// <summary>The body that adds a custom domain: <c>{"domain": "app.example.com", "primary": true}</c>.</summary>
public sealed record NewDomain(string? Domain, bool Primary = false);

using System.Text.Json.Serialization;

namespace Sublet.Server.Apis;

/// <summary>A workspace that exists, <c>{"slug": "...", "domain": "..."}</c>; the domain is its primary custom domain, if any.</summary>
public sealed record Workspace([property: JsonPropertyName("slug")] string Slug, [property: JsonPropertyName("domain")] string? Domain = null);

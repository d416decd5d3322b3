using System.Text.Json.Serialization;

namespace Sublet.Server.Apis;

/// <summary>A workspace that exists, <c>{"slug": "..."}</c>.</summary>
public sealed record Workspace([property: JsonPropertyName("slug")] string Slug);

using System.Text.Json.Serialization;

namespace Sublet.Server.Apis;

/// <summary>The signed-in user, <c>{"username": "..."}</c>.</summary>
public sealed record CurrentUser([property: JsonPropertyName("username")] string Username);

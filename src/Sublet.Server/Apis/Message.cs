namespace Sublet.Server.Apis;

/// <summary>The seed's reply body, <c>{"msg": "..."}</c>.</summary>
public sealed record Message(string Msg);

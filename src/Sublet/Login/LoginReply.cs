namespace Sublet.Login;

/// <summary>The login endpoints' reply body, <c>{"msg": "..."}</c>, the seed's shape.</summary>
internal sealed record LoginReply(string Msg);

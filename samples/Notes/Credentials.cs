namespace Notes;

public sealed record Credentials(string Username, string Password);

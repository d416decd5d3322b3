namespace Notes;

public sealed record NewTenant(string Slug, string Username, string Password);

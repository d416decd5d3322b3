namespace Sublet.Admin;

/// <summary>The body of <c>POST /api/tenants</c>.</summary>
/// <param name="Slug">The new tenant's subdomain.</param>
/// <param name="Admin">A first user to create in the same transaction, if any.</param>
/// <param name="Password">That user's password; required with <paramref name="Admin"/>, refused without.</param>
/// <param name="Shard">The shard to put the tenant on; default: the one with the fewest tenants that is not draining.</param>
internal sealed record NewTenant(string? Slug, string? Admin, string? Password, string? Shard = null);

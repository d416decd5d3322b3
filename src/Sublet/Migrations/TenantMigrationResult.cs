namespace Sublet.Migrations;

/// <summary>What happened to one tenant's schema.</summary>
/// <param name="Slug">The tenant.</param>
/// <param name="Migrations">The migrations applied (or, in a dry run, pending), in order.</param>
/// <param name="Error">Why the tenant stopped, or null when it is up to date.</param>
public sealed record TenantMigrationResult(string Slug, IReadOnlyList<string> Migrations, string? Error)
{
    /// <summary>True when every pending migration applied.</summary>
    public bool Succeeded => Error is null;
}

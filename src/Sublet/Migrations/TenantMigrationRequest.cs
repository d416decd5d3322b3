namespace Sublet.Migrations;

/// <summary>What to migrate and how.</summary>
public sealed record TenantMigrationRequest
{
    /// <summary>Only this tenant; null for every tenant.</summary>
    public string? Slug { get; init; }

    /// <summary>How many schemas migrate at once, each on its own connection.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Report what would be applied (checking checksums) without changing anything.</summary>
    public bool DryRun { get; init; }
}

namespace Sublet.Sessions;

/// <summary>How long tenant sessions live, bound from the <c>Sublet:Sessions</c> configuration section.</summary>
public sealed class TenantSessionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:Sessions";

    /// <summary>A session unused for this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A session ends this long after its login, however busy it is.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often ended sessions are deleted from the database.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}

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

    private static readonly TimeSpan MaxTouchInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a session in use has its idle expiry slid forward in the database: a 24th of
    /// <see cref="IdleTimeout"/>, at most five minutes. Each slide is a write, so with many sessions this sets the
    /// write rate. With the half interval a server trusts a session from memory, an idle session can end up to
    /// one and a half times this much before its idle timeout.
    /// </summary>
    internal TimeSpan TouchInterval => IdleTimeout / 24 < MaxTouchInterval ? IdleTimeout / 24 : MaxTouchInterval;
}

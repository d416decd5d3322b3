using System.ComponentModel.DataAnnotations;

namespace Sublet.Core;

/// <summary>Limits that keep one busy tenant from taking the server from the others, bound from <c>Sublet:Limits</c>.</summary>
public sealed class LimitOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:Limits";

    /// <summary>Requests one tenant may have in progress at once; 0 turns the limit off.</summary>
    [Range(0, int.MaxValue)]
    public int ConcurrentRequestsPerTenant { get; set; } = 32;

    /// <summary>Requests of a tenant at its limit that wait for a turn (oldest first); beyond these, 503.</summary>
    [Range(0, int.MaxValue)]
    public int QueuedRequestsPerTenant { get; set; } = 16;

    /// <summary>
    /// A tenant request's body up to this many bytes is read into memory before the request takes a turn under
    /// <see cref="ConcurrentRequestsPerTenant"/>, so a client uploading slowly holds no turn; a longer body is read
    /// this far, then streamed.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int BufferedRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a client has to send that buffered part of a body; slower, 408.</summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807")]
    public TimeSpan RequestBodyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bodies one client address (an IPv6 /64 counts as one) may be sending at once, across all tenants; beyond these, 429.</summary>
    [Range(1, int.MaxValue)]
    public int RequestBodiesPerAddress { get; set; } = 8;
}

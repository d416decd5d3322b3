using System.Net;

namespace Sublet.Tests.Reliability;

/// <summary>Response times and non-200 statuses of one kind of request, with nearest-rank percentiles.</summary>
internal sealed class LatencySample
{
    private readonly List<TimeSpan> _times = [];

    public List<HttpStatusCode> Failures { get; } = [];

    public int Count => _times.Count;

    public void Add(TimeSpan elapsed, HttpStatusCode status)
    {
        _times.Add(elapsed);
        if (status != HttpStatusCode.OK)
        {
            Failures.Add(status);
        }
    }

    public TimeSpan Percentile(double fraction) =>
        _times.Order().ElementAt(Math.Max(0, (int)Math.Ceiling(_times.Count * fraction) - 1));

    public override string ToString() =>
        $"p50 {Percentile(0.5).TotalMilliseconds:F1} ms, p99 {Percentile(0.99).TotalMilliseconds:F1} ms, max {_times.Max().TotalMilliseconds:F1} ms over {Count}";
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sublet.Bench;

/// <summary>
/// Every soak response, classified against what the run was doing when it was sent: 503 is expected only while
/// the cluster is down or right after backends were killed, 403 only from the suspended tenant.
/// </summary>
internal sealed class SoakTally
{
    // Pooled connections die with a restart or a kill and fail the next request each; give them this long to drain.
    public const double GraceMs = 2_000;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private long _requests;
    private long _outage503;
    private long _kill503;
    private long _suspended403;
    private long _wrongTenant;
    private long _failureCount;
    private double _outageStart = double.PositiveInfinity;
    private double _outageEnd = double.PositiveInfinity;
    private double _killedAt = double.PositiveInfinity;
    private double _suspendedAt = double.PositiveInfinity;
    private double _firstOkAfterRestart = -1;
    private int _suspendedTenant;

    public double NowMs => _clock.Elapsed.TotalMilliseconds;

    public long Requests => Interlocked.Read(ref _requests);

    public IReadOnlyDictionary<int, long> ByStatus => _byStatus;

    public long Outage503 => Interlocked.Read(ref _outage503);

    public long Kill503 => Interlocked.Read(ref _kill503);

    public long Suspended403 => Interlocked.Read(ref _suspended403);

    public long WrongTenant => Interlocked.Read(ref _wrongTenant);

    public long Failures => Interlocked.Read(ref _failureCount);

    public IEnumerable<string> FailureSamples => _failures;

    public double OutageStartMs => Volatile.Read(ref _outageStart);

    public double OutageEndMs => Volatile.Read(ref _outageEnd);

    /// <summary>From the cluster accepting connections again to the first 200 the server sent.</summary>
    public double RecoveryMs => Volatile.Read(ref _firstOkAfterRestart) is var first and >= 0 ? first - OutageEndMs : double.NaN;

    public void OutageStarted() => Volatile.Write(ref _outageStart, NowMs);

    public void OutageEnded() => Volatile.Write(ref _outageEnd, NowMs);

    public void BackendsKilled() => Volatile.Write(ref _killedAt, NowMs);

    public void Suspending(int tenant)
    {
        Volatile.Write(ref _suspendedTenant, tenant);
        Volatile.Write(ref _suspendedAt, NowMs);
    }

    /// <summary>Counts one response; <paramref name="expected"/> is the status the step calls for (200, or 401 after logout).</summary>
    public void Record(int tenant, string step, double sentMs, int status, bool hasRetryAfter, int expected)
    {
        var now = NowMs;
        Interlocked.Increment(ref _requests);
        _byStatus.AddOrUpdate(status, 1, (_, count) => count + 1);
        var suspended = tenant == Volatile.Read(ref _suspendedTenant);
        if (status == 503)
        {
            if (!hasRetryAfter)
            {
                Fail($"{step} t{tenant}: 503 without Retry-After at {now / 1000:F1} s");
            }
            else if (now >= OutageStartMs && sentMs <= OutageEndMs + GraceMs)
            {
                Interlocked.Increment(ref _outage503);
            }
            else if (now >= Volatile.Read(ref _killedAt) && sentMs <= Volatile.Read(ref _killedAt) + GraceMs)
            {
                Interlocked.Increment(ref _kill503);
            }
            else
            {
                Fail($"{step} t{tenant}: 503 outside the outage at {now / 1000:F1} s");
            }
        }
        else if (status == 403 && suspended && now >= Volatile.Read(ref _suspendedAt))
        {
            Interlocked.Increment(ref _suspended403);
        }
        else if (status != expected)
        {
            Fail($"{step} t{tenant}: {status} (expected {expected}) at {now / 1000:F1} s");
        }
        else if (suspended && sentMs > Volatile.Read(ref _suspendedAt) + GraceMs)
        {
            Fail($"{step} t{tenant}: {status} from the suspended tenant at {now / 1000:F1} s");
        }

        if (status == 200 && now >= OutageEndMs && Volatile.Read(ref _firstOkAfterRestart) < 0)
        {
            Interlocked.CompareExchange(ref _firstOkAfterRestart, now, -1);
        }
    }

    public void WrongTenantBody(int tenant, string body)
    {
        Interlocked.Increment(ref _wrongTenant);
        Fail($"data t{tenant}: wrong-tenant body {body[..Math.Min(body.Length, 200)]}");
    }

    public void TransportError(int tenant, string step, Exception exception) =>
        Fail($"{step} t{tenant}: {exception.GetType().Name}: {exception.Message} at {NowMs / 1000:F1} s");

    private void Fail(string description)
    {
        if (Interlocked.Increment(ref _failureCount) <= 20)
        {
            _failures.Enqueue(description);
        }
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sublet.Reliability;

/// <summary>
/// One readiness query shared by every probe of a second: <c>/readyz</c> answers on any host without credentials, so
/// without this a flood of probes is a flood of database queries. Probes arriving while a query runs wait for it
/// rather than start their own, and the query runs under its own timeout, so one probe giving up does not fail the
/// others.
/// </summary>
internal sealed class ReadinessCache
{
    /// <summary>How old a readiness answer may be: a probe sees an outage, or its end, up to this late.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Task<HealthCheckResult>? _latest;
    private long _startedAt;

    public Task<HealthCheckResult> GetAsync(Func<CancellationToken, Task<HealthCheckResult>> check, CancellationToken cancellationToken)
    {
        Task<HealthCheckResult> latest;
        lock (_lock)
        {
            var now = Environment.TickCount64;
            if (_latest is null || (_latest.IsCompleted && now - _startedAt >= Lifetime.TotalMilliseconds))
            {
                _startedAt = now;
                _latest = RunAsync(check);
            }

            latest = _latest;
        }

        return latest.WaitAsync(cancellationToken);
    }

    private static async Task<HealthCheckResult> RunAsync(Func<CancellationToken, Task<HealthCheckResult>> check)
    {
        using var timeout = new CancellationTokenSource(SubletReadinessCheck.Timeout);
        try
        {
            return await check(timeout.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database did not answer in time.", exception);
        }
    }
}

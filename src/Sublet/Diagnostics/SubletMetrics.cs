using System.Diagnostics.Metrics;
using Sublet.Core;

namespace Sublet.Diagnostics;

/// <summary>
/// Sublet's own instruments, on the meter named <see cref="MeterName"/>; every measurement carries the tenant
/// as <see cref="TenantTag"/> unless <c>Sublet:TenantMetricsTag</c> is off. Request metrics
/// (<c>http.server.request.duration</c>) get the same tag on the same terms, and request activities always.
/// </summary>
public sealed class SubletMetrics
{
    /// <summary>The meter's name, to enable it in an OpenTelemetry <c>MeterProvider</c>.</summary>
    public const string MeterName = "Sublet";

    /// <summary>The tag naming the tenant, by its slug.</summary>
    public const string TenantTag = "sublet.tenant";

    private const string ReasonTag = "reason";

    private readonly Counter<long> _loginFailures;
    private readonly Counter<long> _rejectedRequests;
    private readonly bool _tagTenant;

    internal SubletMetrics(IMeterFactory meterFactory, bool tagTenant)
    {
        _tagTenant = tagTenant;
        var meter = meterFactory.Create(MeterName);
        _loginFailures = meter.CreateCounter<long>(
            "sublet.login.failures", "{attempt}", "Failed logins: a wrong username or password, or an attempt refused by the login limits.");
        _rejectedRequests = meter.CreateCounter<long>(
            "sublet.requests.rejected", "{request}", "Tenant requests answered 503: over the tenant's concurrency limit, or the database unavailable.");
    }

    /// <summary>Counts a failed login on <paramref name="tenant"/>; <paramref name="reason"/> is a short fixed word such as <c>credentials</c> or <c>throttled</c>.</summary>
    public void LoginFailed(Tenant tenant, string reason)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Add(_loginFailures, tenant.Slug, reason);
    }

    internal void RequestRejected(Tenant? tenant, string reason) => Add(_rejectedRequests, tenant?.Slug, reason);

    private void Add(Counter<long> counter, string? tenant, string reason)
    {
        if (_tagTenant)
        {
            counter.Add(1, new KeyValuePair<string, object?>(TenantTag, tenant), new KeyValuePair<string, object?>(ReasonTag, reason));
        }
        else
        {
            counter.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));
        }
    }
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sublet.Hosting;

namespace Sublet.Security;

/// <summary>
/// Two fixed-window partitioned limiters from ASP.NET Core's rate limiting: one per tenant, username and client
/// address, counting failed logins only, slowing guesses at one account; one per client address, counting every
/// attempt, slowing one client spraying many accounts. Keyed on the address too so that, as OWASP advises, an
/// attacker's failures cannot lock the owner out: a correct password from an address with no failures gets in.
/// Not the rate limiting middleware: the username is in the body, which a synchronous partitioner cannot read, so
/// the endpoint asks once it has parsed the form.
/// </summary>
internal sealed class LoginThrottle : ILoginThrottle, IDisposable
{
    private readonly PartitionedRateLimiter<string> _perUser;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly ILogger<LoginThrottle> _logger;

    public LoginThrottle(IOptions<LoginLimitOptions> options, ILogger<LoginThrottle> logger)
    {
        var limits = options.Value;
        _perUser = Partitioned(limits.PerUserPermitLimit, limits.PerUserWindow);
        _perAddress = Partitioned(limits.PerAddressPermitLimit, limits.PerAddressWindow);
        _logger = logger;
    }

    public bool TryAcquire(HttpContext context, string userName, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(userName);
        // The address is counted first so that a client refused for spraying cannot also burn a victim's permits.
        var address = ClientAddress.Partition(context.Connection.RemoteIpAddress);
        if (!TryAcquire(_perAddress, address, out retryAfter))
        {
            Log.LoginLimited(_logger, "client address");
            return false;
        }

        // Permits of 0 only look: a guess is counted once it has failed, so the owner's own logins never use up the count.
        if (!TryAcquire(_perUser, UserKey(context, userName), out retryAfter, permits: 0))
        {
            Log.LoginLimited(_logger, "tenant user");
            return false;
        }

        return true;
    }

    public void RecordFailure(HttpContext context, string userName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(userName);
        using var lease = _perUser.AttemptAcquire(UserKey(context, userName));
    }

    public void Dispose()
    {
        _perUser.Dispose();
        _perAddress.Dispose();
    }

    private static string UserKey(HttpContext context, string userName) =>
        $"{context.GetRequiredTenant().Slug}\n{userName}\n{ClientAddress.Partition(context.Connection.RemoteIpAddress)}";

    private static bool TryAcquire(PartitionedRateLimiter<string> limiter, string key, out TimeSpan retryAfter, int permits = 1)
    {
        using var lease = limiter.AttemptAcquire(key, permits);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    private static PartitionedRateLimiter<string> Partitioned(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
}

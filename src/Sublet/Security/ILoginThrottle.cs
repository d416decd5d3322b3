using Microsoft.AspNetCore.Http;

namespace Sublet.Security;

/// <summary>Counts login attempts per client address, and failed ones per tenant, username and client address.</summary>
public interface ILoginThrottle
{
    /// <summary>
    /// Counts one attempt from the request's address, and checks that this address has not failed too often to log
    /// in as <paramref name="userName"/> on the request's tenant. Call it before the password is checked, whether the
    /// user exists or not; report a wrong password with <see cref="RecordFailure"/>.
    /// </summary>
    /// <param name="context">The login request; its tenant and client address pick the partitions.</param>
    /// <param name="userName">The username as typed.</param>
    /// <param name="retryAfter">When refused, how long until an attempt may succeed.</param>
    /// <returns>False when either limit is spent: answer 429 with <c>Retry-After</c>.</returns>
    bool TryAcquire(HttpContext context, string userName, out TimeSpan retryAfter);

    /// <summary>Counts a failed login as <paramref name="userName"/> from the request's address on its tenant.</summary>
    void RecordFailure(HttpContext context, string userName);
}

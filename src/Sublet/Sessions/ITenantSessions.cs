namespace Sublet.Sessions;

/// <summary>Ends server-side sessions: the cookies of the revoked sessions stop working on their next request.</summary>
public interface ITenantSessions
{
    /// <summary>Ends every session of <paramref name="userName"/> in the tenant, e.g. after a password change.</summary>
    /// <returns>The number of sessions ended.</returns>
    Task<int> RevokeUserAsync(string tenantSlug, string userName, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of the tenant, e.g. when it is suspended.</summary>
    /// <returns>The number of sessions ended.</returns>
    Task<int> RevokeTenantAsync(string tenantSlug, CancellationToken cancellationToken = default);

    /// <summary>Deletes sessions past their idle or absolute lifetime.</summary>
    /// <returns>The number of sessions deleted.</returns>
    Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default);
}

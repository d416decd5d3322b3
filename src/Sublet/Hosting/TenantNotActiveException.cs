namespace Sublet.Hosting;

/// <summary>
/// A sign-in that finished after its tenant was suspended or deleted: no session was made, and the request gets
/// 403 (<see cref="SubletHostMiddleware"/>).
/// </summary>
internal sealed class TenantNotActiveException(string tenant)
    : InvalidOperationException($"Tenant '{tenant}' is suspended or gone: no session was made.");

namespace Sublet.Core;

/// <summary>
/// The tenant resolved for the current request, on the request's features: lets <see cref="Tenant"/> bind as a
/// handler parameter without knowing how the request edge resolved it.
/// </summary>
internal interface ITenantFeature
{
    /// <summary>The request's tenant, or null when its host names none.</summary>
    Tenant? Tenant { get; }
}

using Sublet.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Declares which host an endpoint answers on, as Flask's <c>subdomain=</c> parameter does.</summary>
public static class SubdomainEndpointConventionBuilderExtensions
{
    /// <summary>The endpoint answers on any tenant's subdomain; elsewhere it is not found.</summary>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SubdomainMetadata.AnyTenant);

    /// <summary>The endpoint answers only on <c>&lt;subdomain&gt;.&lt;ServerName&gt;</c>, e.g. <c>admin</c>.</summary>
    public static TBuilder RequireSubdomain<TBuilder>(this TBuilder builder, string subdomain)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(subdomain);
        return builder.WithMetadata(SubdomainMetadata.Fixed(subdomain));
    }

    /// <summary>The endpoint answers only on the bare server name, the central site.</summary>
    public static TBuilder RequireCentralHost<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SubdomainMetadata.Central);
}

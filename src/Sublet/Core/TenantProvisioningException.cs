namespace Sublet.Core;

/// <summary>A tenant operation refused for a reason the caller can fix; nothing was changed.</summary>
public sealed class TenantProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TenantProvisioningException(TenantProvisioningError error, string message)
        : base(message) => Error = error;

    /// <summary>Why the operation was refused.</summary>
    public TenantProvisioningError Error { get; }

    internal static TenantProvisioningException NoTenant(string slug) => new(TenantProvisioningError.NotFound, NoTenantMessage(slug));

    internal static TenantProvisioningException NoShard(string shard) => new(TenantProvisioningError.ShardNotFound, $"No shard '{shard}'.");

    /// <summary>The words for an unknown slug, whatever error carries them.</summary>
    internal static string NoTenantMessage(string? slug) => $"No tenant '{slug}'.";
}

namespace Sublet.Core;

/// <summary>Why a tenant operation was refused.</summary>
public enum TenantProvisioningError
{
    /// <summary>The slug breaks the DNS label rules.</summary>
    InvalidSlug,

    /// <summary>The slug is a reserved subdomain.</summary>
    ReservedSlug,

    /// <summary>A tenant with this slug, or its schema, already exists.</summary>
    AlreadyExists,

    /// <summary>No tenant has this slug.</summary>
    NotFound,

    /// <summary>The schema to adopt does not exist or cannot be a tenant's.</summary>
    InvalidSchema,

    /// <summary>An external program (e.g. <c>pg_dump</c>) failed; nothing was changed.</summary>
    ArchiveFailed,

    /// <summary>No shard has this name.</summary>
    ShardNotFound,

    /// <summary>The shard cannot take the operation: a bad name or connection string, unreachable, or draining.</summary>
    InvalidShard,

    /// <summary>A tenant move failed part way; the tenant stays where it was.</summary>
    MoveFailed,
}

namespace Sublet.Core;

/// <summary>A shard as the catalog records it, with what its server reports.</summary>
/// <param name="Name">The shard's name; <c>default</c> is the central database.</param>
/// <param name="Server">Host, port and database, without credentials.</param>
/// <param name="Draining">Whether new tenants are kept off it.</param>
/// <param name="Tenants">How many tenants it holds.</param>
/// <param name="SizeBytes">The on-disk size of its tenants' tables and indexes; <see langword="null"/> when unreachable.</param>
/// <param name="Error">Why the shard could not be measured, if it could not.</param>
/// <param name="InactiveSlots">Replication slots moves left behind in its database; <see langword="null"/> when unreachable.</param>
public sealed record ShardInfo(string Name, string Server, bool Draining, long Tenants, long? SizeBytes, string? Error = null, InactiveMoveSlots? InactiveSlots = null);

namespace Sublet.Citus;

/// <summary>How <c>citus_schema_move</c> copies a schema's shards (its <c>shard_transfer_mode</c>).</summary>
internal enum CitusTransferMode
{
    /// <summary>Logical replication while the tenant keeps writing; writes wait only for the final switch. Sublet's moves use it.</summary>
    ForceLogical,

    /// <summary>Writes wait for the whole copy: the measured alternative.</summary>
    BlockWrites,
}

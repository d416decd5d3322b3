using Npgsql;
using Sublet.Tenancy;

namespace Sublet.Data;

/// <summary>
/// The connections to one PostgreSQL server for tenant queries, apart from the pool for Sublet's own work, and
/// split into fixed partitions (one by default) so a tenant always lands on the same few backends, whose
/// catalog caches then hold only their partition's schemas.
/// </summary>
internal sealed class PartitionedDataSource(IReadOnlyList<NpgsqlDataSource> partitions, bool resetOnLease) : IAsyncDisposable
{
    /// <summary>
    /// Whether whoever leases a connection must reset its session first (<c>DISCARD ALL</c>, pipelined with the
    /// lease's first statements): Npgsql's own reset is off for these pools, since it costs the server a flush
    /// and the client a read of its own on every lease.
    /// </summary>
    public bool ResetOnLease => resetOnLease;

    /// <summary>The partition <paramref name="tenant"/> always uses.</summary>
    public NpgsqlDataSource For(Tenant tenant) => partitions[Partition(tenant.SchemaName, partitions.Count)];

    /// <summary>Empties every partition's pool.</summary>
    public void Clear()
    {
        foreach (var partition in partitions)
        {
            partition.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var partition in partitions)
        {
            await partition.DisposeAsync();
        }
    }

    /// <summary>
    /// FNV-1a over the schema name: the same partition in every process and after every restart (unlike
    /// <see cref="string.GetHashCode()"/>), so the backends' caches keep matching their tenants.
    /// </summary>
    internal static int Partition(string schemaName, int count)
    {
        var hash = 2166136261u;
        foreach (var character in schemaName)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }
}

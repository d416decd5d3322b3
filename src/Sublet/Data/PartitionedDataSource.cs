using System.Data;
using Npgsql;
using Sublet.Core;

namespace Sublet.Data;

/// <summary>
/// The connections to one PostgreSQL server for tenant queries, apart from the pool for Sublet's own work, split
/// into partitions with tenant affinity (why: <see cref="PoolOptions.Partitions"/>). A busy tenant is never held to
/// its share: it spills over into the other partitions. All partitions together hold the connection string's
/// <c>Max Pool Size</c>; when every connection is in use a lease waits for any of them, up to its <c>Timeout</c>.
/// </summary>
internal sealed class PartitionedDataSource : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource>[] _partitions;
    private readonly int[] _inUse;
    private readonly int _share;
    private readonly SemaphoreSlim _free;
    private readonly TimeSpan _wait;

    /// <param name="partitions">Builds each partition's pool, on its first lease.</param>
    /// <param name="count">How many partitions.</param>
    /// <param name="share">Connections per partition.</param>
    /// <param name="wait">How long a lease waits for a free connection.</param>
    /// <param name="resetOnLease">See <see cref="ResetOnLease"/>.</param>
    public PartitionedDataSource(Func<NpgsqlDataSource> partitions, int count, int share, TimeSpan wait, bool resetOnLease)
    {
        _partitions = [.. Enumerable.Range(0, count).Select(_ => new Lazy<NpgsqlDataSource>(partitions))];
        _inUse = new int[count];
        _share = share;
        _free = new SemaphoreSlim(count * share, count * share);
        _wait = wait;
        ResetOnLease = resetOnLease;
    }

    /// <summary>
    /// Whether whoever leases a connection must reset its session first (<c>DISCARD ALL</c>, pipelined with the
    /// lease's first statements): Npgsql's own reset is off for these pools, since it costs the server a flush
    /// and the client a read of its own on every lease.
    /// </summary>
    public bool ResetOnLease { get; }

    /// <summary>How many partitions.</summary>
    public int Count => _partitions.Length;

    /// <summary>The pool of <paramref name="tenant"/>'s home partition.</summary>
    public NpgsqlDataSource For(Tenant tenant) => _partitions[Partition(tenant.SchemaName, _partitions.Length)].Value;

    /// <summary>
    /// An open connection for <paramref name="tenant"/>: from its home partition if that has a free connection,
    /// else from the next one that has. Closing (or disposing) it gives the connection back.
    /// </summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        if (!await _free.WaitAsync(_wait, cancellationToken))
        {
            // Transient, like Npgsql's own "pool exhausted": the request gets 503 with Retry-After.
            throw new NpgsqlException(
                $"No tenant connection was free within {_wait.TotalSeconds:0.#} s: every one of the Max Pool Size connections is in use.",
                new TimeoutException());
        }

        var partition = Claim(Partition(tenant.SchemaName, _partitions.Length));
        try
        {
            var connection = await _partitions[partition].Value.OpenConnectionAsync(cancellationToken);
            connection.StateChange += new Lease(this, partition).OnStateChange;
            return connection;
        }
        catch
        {
            Release(partition);
            throw;
        }
    }

    /// <summary>Empties every partition's pool.</summary>
    public void Clear()
    {
        foreach (var partition in _partitions.Where(partition => partition.IsValueCreated))
        {
            partition.Value.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var partition in _partitions.Where(partition => partition.IsValueCreated))
        {
            await partition.Value.DisposeAsync();
        }

        // _free is not disposed: a connection still out closes later and gives its slot back.
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

    /// <summary>Takes a free connection slot, starting at <paramref name="home"/>; the semaphore guarantees one exists.</summary>
    private int Claim(int home)
    {
        var spin = default(SpinWait);
        while (true)
        {
            for (var step = 0; step < _partitions.Length; step++)
            {
                var partition = (home + step) % _partitions.Length;
                if (Interlocked.Increment(ref _inUse[partition]) <= _share)
                {
                    return partition;
                }

                Interlocked.Decrement(ref _inUse[partition]);
            }

            // Another lease's passing claim hid the free slot; it is there, look again.
            spin.SpinOnce();
        }
    }

    private void Release(int partition)
    {
        Interlocked.Decrement(ref _inUse[partition]);
        _free.Release();
    }

    /// <summary>Gives a leased connection's slot back once, when the connection closes.</summary>
    private sealed class Lease(PartitionedDataSource owner, int partition)
    {
        private int _released;

        public void OnStateChange(object sender, StateChangeEventArgs change)
        {
            if (change.CurrentState == ConnectionState.Closed && Interlocked.Exchange(ref _released, 1) == 0)
            {
                ((NpgsqlConnection)sender).StateChange -= OnStateChange;
                owner.Release(partition);
            }
        }
    }
}

using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Npgsql;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Tenancy;

/// <summary>An immutable snapshot of the catalog table, replaced whole on reload so readers never lock.</summary>
internal sealed class TenantCatalog(NpgsqlDataSource dataSource, ShardDataSources shards) : ITenantCatalog, IDisposable
{
    // One reload at a time, read and publish together: otherwise a reload that read the table before a change
    // could publish after the reload that saw it, leaving a stale catalog until the next change.
    private readonly SemaphoreSlim _reloading = new(1, 1);

    private volatile FrozenDictionary<string, Tenant> _tenants =
        FrozenDictionary<string, Tenant>.Empty.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<Tenant> Tenants => _tenants.Values;

    /// <summary>Whether a reload has succeeded: before that, every host would look unknown.</summary>
    public bool IsLoaded { get; private set; }

    public bool TryGetTenant(ReadOnlySpan<char> slug, [NotNullWhen(true)] out Tenant? tenant) =>
        _tenants.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(slug, out tenant);

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            _tenants = await ReadAsync(cancellationToken);
            IsLoaded = true;
        }
        finally
        {
            _reloading.Release();
        }
    }

    public void Dispose() => _reloading.Dispose();

    private async Task<FrozenDictionary<string, Tenant>> ReadAsync(CancellationToken cancellationToken)
    {
        // Tenants first: a shard row commits before any tenant on it, so the later statement (read committed, a
        // fresh snapshot) sees the shard of every tenant the first one saw.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("SELECT slug, schema_name, status, created_at, shard FROM sublet.tenant"));
        batch.BatchCommands.Add(new("SELECT name, connection_string FROM sublet.shard WHERE connection_string IS NOT NULL"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var tenants = new Dictionary<string, Tenant>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(cancellationToken))
        {
            var tenant = new Tenant(
                reader.GetString(0),
                reader.GetString(1),
                ParseStatus(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4));
            tenants[tenant.Slug] = tenant;
        }

        await reader.NextResultAsync(cancellationToken);
        var connectionStrings = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            connectionStrings[reader.GetString(0)] = reader.GetString(1);
        }

        shards.Publish(connectionStrings);
        return tenants.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    internal static TenantStatus ParseStatus(string status) => status switch
    {
        "active" => TenantStatus.Active,
        "suspended" => TenantStatus.Suspended,
        _ => throw new InvalidDataException($"Unknown tenant status '{status}' in the catalog."),
    };
}

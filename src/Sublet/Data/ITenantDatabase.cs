using Npgsql;
using Sublet.Core;

namespace Sublet.Data;

/// <summary>Opens connections scoped to one tenant's schema.</summary>
public interface ITenantDatabase
{
    /// <summary>
    /// Opens a pooled connection and begins a transaction whose <c>search_path</c> is the tenant's schema. Its writes
    /// last once <see cref="TenantConnection.CommitAsync"/> is called; disposing without it rolls them back, with a
    /// warning in the log.
    /// </summary>
    Task<TenantConnection> OpenAsync(Tenant tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one query in the tenant's schema in a single round trip: the schema selection and the query travel
    /// as one batch, which PostgreSQL runs as one implicit transaction, so the selection ends with it, and a write the
    /// query makes commits with it, as any statement outside a transaction does. Disposing
    /// the reader returns the connection to the pool.
    /// </summary>
    Task<NpgsqlDataReader> ExecuteReaderAsync(Tenant tenant, string sql, IReadOnlyList<object>? parameters = null, CancellationToken cancellationToken = default);
}

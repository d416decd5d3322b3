using Npgsql;

namespace Sublet.Data;

/// <summary>
/// A pooled connection inside a transaction whose <c>search_path</c> is one tenant's schema. The setting is
/// transaction-local, so it ends with the transaction and never reaches the next user of the connection.
/// Dispose without <see cref="CommitAsync"/> to roll back.
/// </summary>
public sealed class TenantConnection : IAsyncDisposable
{
    internal TenantConnection(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    /// <summary>The open connection.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>The transaction the tenant's schema is selected in.</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>A command in the tenant's transaction; unqualified table names resolve to the tenant's schema.</summary>
    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);

    /// <summary>A batch in the tenant's transaction: several statements, one round trip.</summary>
    public NpgsqlBatch CreateBatch() => new(Connection, Transaction);

    /// <summary>Commits the tenant's transaction.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => Transaction.CommitAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

using Microsoft.AspNetCore.Http;
using Npgsql;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// The one tenant connection, and its transaction, that every tenant DbContext of a request (or of a
/// <see cref="TenantDbContextScope{TContext}"/>) shares. It opens at the first database work, from Sublet's pools
/// through <see cref="ITenantDatabase"/>, so a request that never touches the database takes no connection.
/// </summary>
internal sealed class TenantDbSession(ITenantDatabase database) : IAsyncDisposable
{
    private HttpContext? _request;
    private Tenant? _tenant;
    private Task<TenantConnection>? _opening;
    private NpgsqlBatchCommand? _pendingSchemaSelection;
    private bool _completed;

    /// <summary>Whether a connection was opened and not yet given back.</summary>
    public bool IsOpen => _opening is not null && !_completed;

    /// <summary>Binds the session to a request: its tenant is the one Sublet resolved for the request's host.</summary>
    public void Attach(HttpContext request) => _request = request;

    /// <summary>Binds the session to a named tenant, for work outside a request.</summary>
    public void Attach(Tenant tenant) => _tenant = tenant;

    /// <summary>
    /// The tenant connection, opened on first call, inside the tenant transaction; its schema may still be unselected
    /// (<see cref="TakeSchemaSelection"/>, <see cref="SelectSchemaAsync"/>).
    /// </summary>
    public Task<TenantConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        return _opening ??= OpenAsync(cancellationToken);
    }

    /// <summary>
    /// The schema selection the connection still waits for, to send as the first statement of the batch the caller
    /// sends next (saving it a round trip of its own); null once sent. Whoever takes it must send it.
    /// </summary>
    public NpgsqlBatchCommand? TakeSchemaSelection()
    {
        var selection = _pendingSchemaSelection;
        _pendingSchemaSelection = null;
        return selection;
    }

    /// <summary>Opens the tenant connection if need be and sends its schema selection if it is still waiting.</summary>
    public async Task<TenantConnection> SelectSchemaAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        if (TakeSchemaSelection() is { } selection)
        {
            await using var batch = connection.CreateBatch();
            batch.BatchCommands.Add(selection);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    /// <summary>Commits (when <paramref name="commit"/>) or rolls back, and gives the connection back; later calls do nothing.</summary>
    public async Task CompleteAsync(bool commit, CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_opening is null || !_opening.IsCompletedSuccessfully)
        {
            return;
        }

        await using var connection = _opening.Result;
        if (commit)
        {
            await connection.CommitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_opening is { IsCompleted: false })
        {
            // A lease still opening when its scope ends: let it finish so its connection goes back to the pool.
            try
            {
                await _opening;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Its failure was the caller's to see.
            }
        }

        await CompleteAsync(commit: false, CancellationToken.None);
    }

    private async Task<TenantConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var tenant = _tenant ?? TenantOfRequest();
        TenantConnection connection;
        if (database is TenantDatabase tenantDatabase)
        {
            // The BEGIN and the schema selection go out with the first query (TenantCommandInterceptor).
            connection = await tenantDatabase.OpenWithoutSchemaAsync(tenant, cancellationToken);
            _pendingSchemaSelection = TenantDatabase.SelectSchema(tenant);
        }
        else
        {
            connection = await database.OpenAsync(tenant, cancellationToken);
        }

        if (_request is { } request)
        {
            // Before the first byte of the response: the client never sees success for work that did not commit.
            request.Response.OnStarting(() => CompleteAsync(request.Response.StatusCode < StatusCodes.Status500InternalServerError));
        }

        return connection;
    }

    private Tenant TenantOfRequest()
    {
        if (_request is null)
        {
            throw new InvalidOperationException(
                "This tenant DbContext has no tenant: it was resolved outside a request. Outside a request, use " +
                "ITenantDbContextFactory<TContext>.CreateForTenantAsync(slug).");
        }

        return _request.GetTenant() ?? throw new InvalidOperationException(
            $"The request to '{_request.Request.Host}' has no tenant, so its tenant DbContext has no database: " +
            "use it only on endpoints marked RequireTenant().");
    }
}

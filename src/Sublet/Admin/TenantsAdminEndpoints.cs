using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Sublet.Core;
using Sublet.Data;
using Sublet.Passwords;
using Sublet.Provisioning;
using Sublet.Users;

namespace Sublet.Admin;

/// <summary>
/// The admin API's handlers: <c>/api/tenants</c> lists, creates, shows, suspends, resumes and deletes tenants through
/// the library's lifecycle API.
/// </summary>
internal static class TenantsAdminEndpoints
{
    public static async Task<Ok<IReadOnlyList<TenantInfo>>> ListAsync(ITenantLifecycle lifecycle, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lifecycle.ListAsync(cancellationToken));

    public static async Task<Results<Created<TenantInfo>, ProblemHttpResult>> CreateAsync(
        NewTenant body,
        ITenantProvisioner provisioner,
        ITenantLifecycle lifecycle,
        IPasswordHasher hasher,
        ITenantUserStore users,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body.Slug))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Slug required", detail: "Send {\"slug\": \"acme\"}.");
        }

        if (string.IsNullOrEmpty(body.Admin) != string.IsNullOrEmpty(body.Password))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Admin and password go together", detail: "Send both a first user's name and password, or neither.");
        }

        Func<TenantConnection, CancellationToken, Task>? addAdmin = null;
        if (body.Admin is { Length: > 0 } admin)
        {
            // Hashed before the transaction opens: PBKDF2 takes far longer than the whole creation.
            var hash = hasher.Hash(body.Password!);
            addAdmin = (connection, token) => users.AddAsync(connection, admin, hash, token);
        }

        try
        {
            var tenant = await provisioner.CreateAsync(body.Slug, body.Shard, addAdmin, cancellationToken);
            var created = await lifecycle.GetAsync(tenant.Slug, cancellationToken);
            return TypedResults.Created($"/api/tenants/{created.Slug}", created);
        }
        catch (TenantProvisioningException exception)
        {
            return Problem(exception);
        }
    }

    public static Task<Results<Ok<TenantInfo>, ProblemHttpResult>> GetAsync(string slug, ITenantLifecycle lifecycle, CancellationToken cancellationToken) =>
        OkOrProblemAsync(() => lifecycle.GetAsync(slug, cancellationToken));

    public static Task<Results<Ok<TenantInfo>, ProblemHttpResult>> SuspendAsync(string slug, ITenantLifecycle lifecycle, CancellationToken cancellationToken) =>
        OkOrProblemAsync(() => lifecycle.SuspendAsync(slug, cancellationToken));

    public static Task<Results<Ok<TenantInfo>, ProblemHttpResult>> ResumeAsync(string slug, ITenantLifecycle lifecycle, CancellationToken cancellationToken) =>
        OkOrProblemAsync(() => lifecycle.ResumeAsync(slug, cancellationToken));

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string slug, ITenantLifecycle lifecycle, CancellationToken cancellationToken)
    {
        try
        {
            await lifecycle.DeleteAsync(slug, cancellationToken: cancellationToken);
            return TypedResults.NoContent();
        }
        catch (TenantProvisioningException exception)
        {
            return Problem(exception);
        }
    }

    private static async Task<Results<Ok<TenantInfo>, ProblemHttpResult>> OkOrProblemAsync(Func<Task<TenantInfo>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (TenantProvisioningException exception)
        {
            return Problem(exception);
        }
    }

    private static ProblemHttpResult Problem(TenantProvisioningException exception)
    {
        var (status, title) = exception.Error switch
        {
            TenantProvisioningError.InvalidSlug => (StatusCodes.Status400BadRequest, "Invalid tenant slug"),
            TenantProvisioningError.ReservedSlug => (StatusCodes.Status409Conflict, "Reserved subdomain"),
            TenantProvisioningError.AlreadyExists => (StatusCodes.Status409Conflict, "Tenant already exists"),
            TenantProvisioningError.NotFound => (StatusCodes.Status404NotFound, "No such tenant"),
            TenantProvisioningError.ShardNotFound => (StatusCodes.Status400BadRequest, "No such shard"),
            TenantProvisioningError.InvalidShard => (StatusCodes.Status409Conflict, "Shard refused the tenant"),
            _ => (StatusCodes.Status400BadRequest, "Tenant operation refused"),
        };
        return TypedResults.Problem(statusCode: status, title: title, detail: exception.Message);
    }
}

using System.Security.Cryptography;
using System.Text;
using Sublet.Core;
using Sublet.Migrations;
using Sublet.Passwords;
using Sublet.Provisioning;

namespace Notes;

/// <summary>
/// Creating tenants and migrating them, on the central host, for a caller holding <c>Notes:SetupToken</c>
/// (unset: 404). TODO(Sublet.Commands): replace with the app's own commands, <c>await app.RunSubletAsync(args)</c>
/// and <c>dotnet Notes.dll tenants create …</c> / <c>migrate</c>, when they ship; samples/run switches with it.
/// </summary>
public static class SetupApi
{
    public static IEndpointRouteBuilder MapSetupApi(this IEndpointRouteBuilder app)
    {
        var setup = app.MapGroup("/setup").RequireCentralHost().AddEndpointFilter(async (context, next) =>
        {
            var token = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Notes:SetupToken"];
            if (string.IsNullOrEmpty(token))
            {
                return Results.NotFound();
            }

            var sent = context.HttpContext.Request.Headers.Authorization.ToString();
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes("Bearer " + token))
                ? await next(context)
                : Results.Unauthorized();
        });
        setup.MapPost("/tenants", CreateTenantAsync);
        setup.MapPost("/migrate", MigrateAsync);
        return app;
    }

    private static async Task<IResult> CreateTenantAsync(NewTenant tenant, ITenantProvisioner provisioner, IPasswordHasher hasher, CancellationToken cancellationToken)
    {
        var hash = hasher.Hash(tenant.Password);
        try
        {
            // The first user is added in the tenant's own transaction: a tenant is made with its user or not at all.
            await provisioner.CreateAsync(
                tenant.Slug,
                async (connection, token) =>
                {
                    await using var insert = connection.CreateCommand("INSERT INTO app_user (username, password) VALUES ($1, $2)");
                    insert.Parameters.Add(new() { Value = tenant.Username });
                    insert.Parameters.Add(new() { Value = hash });
                    await insert.ExecuteNonQueryAsync(token);
                },
                cancellationToken);
        }
        catch (TenantProvisioningException exception)
        {
            var status = exception.Error == TenantProvisioningError.AlreadyExists ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Results.Problem(statusCode: status, title: exception.Message);
        }

        return Results.Created($"/setup/tenants/{tenant.Slug}", null);
    }

    private static async Task<IResult> MigrateAsync(ITenantMigrator migrator, CancellationToken cancellationToken)
    {
        var report = await migrator.MigrateAsync(new TenantMigrationRequest(), cancellationToken: cancellationToken);
        var body = new
        {
            report.LatestVersion,
            report.UpToDate,
            Tenants = report.Results.Select(result => new { result.Slug, result.Migrations, result.Error }),
        };
        return Results.Ok(body);
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Sublet.Domains;

namespace Sublet.Admin;

/// <summary>A refused domain operation as problem details, the same for the operator's API and the tenant's.</summary>
internal static class DomainProblem
{
    public static ProblemHttpResult From(DomainException exception)
    {
        var (status, title) = exception.Error switch
        {
            DomainError.InvalidDomain => (StatusCodes.Status400BadRequest, "Invalid domain"),
            DomainError.ReservedDomain => (StatusCodes.Status409Conflict, "Reserved domain"),
            DomainError.Taken => (StatusCodes.Status409Conflict, "Domain taken"),
            DomainError.TenantNotFound => (StatusCodes.Status404NotFound, "No such tenant"),
            DomainError.DomainNotFound => (StatusCodes.Status404NotFound, "No such domain"),
            DomainError.NotVerified => (StatusCodes.Status409Conflict, "Domain not verified"),
            _ => (StatusCodes.Status400BadRequest, "Domain operation refused"),
        };
        return TypedResults.Problem(statusCode: status, title: title, detail: exception.Message);
    }

    /// <summary>Runs a domain operation, answering its refusal as a problem.</summary>
    public static async Task<Results<TResult, ProblemHttpResult>> OrProblemAsync<TResult>(Func<Task<TResult>> action)
        where TResult : IResult
    {
        try
        {
            return await action();
        }
        catch (DomainException exception)
        {
            return From(exception);
        }
    }
}

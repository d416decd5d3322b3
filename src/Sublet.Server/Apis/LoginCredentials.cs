using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sublet.Server.Apis;

/// <summary>A login's username and password, from the seed's form fields or a JSON body.</summary>
internal sealed record LoginCredentials(string Username, string Password)
{
    public static async Task<(LoginCredentials? Credentials, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return Validate(form["uname"].ToString(), form["passwd"].ToString(), "uname", "passwd", form.ContainsKey("uname"), form.ContainsKey("passwd"));
        }

        if (request.HasJsonContentType())
        {
            JsonBody? body;
            try
            {
                body = await request.ReadFromJsonAsync<JsonBody>(cancellationToken);
            }
            catch (JsonException)
            {
                return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON body", detail: "Send {\"username\": \"...\", \"password\": \"...\"}."));
            }

            return Validate(body?.Username, body?.Password, "username", "password", body?.Username is not null, body?.Password is not null);
        }

        return (null, TypedResults.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported body",
            detail: "Send the form fields uname and passwd, or a JSON body with username and password."));
    }

    private static (LoginCredentials?, ProblemHttpResult?) Validate(string? username, string? password, string userField, string passwordField, bool hasUser, bool hasPassword)
    {
        var missing = new[] { (userField, hasUser && !string.IsNullOrEmpty(username)), (passwordField, hasPassword) }
            .Where(field => !field.Item2)
            .Select(field => field.Item1)
            .ToArray();
        if (missing.Length > 0)
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Missing login field",
                detail: $"Required: {string.Join(", ", missing)}."));
        }

        return (new LoginCredentials(username!, password!), null);
    }

    private sealed record JsonBody(
        [property: JsonPropertyName("username")] string? Username,
        [property: JsonPropertyName("password")] string? Password);
}

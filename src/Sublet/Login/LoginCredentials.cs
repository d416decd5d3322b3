using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sublet.Login;

/// <summary>A login's username and password, from the form fields <c>uname</c> and <c>passwd</c> or a JSON body.</summary>
internal sealed record LoginCredentials(string Username, string Password)
{
    /// <summary>Longer than any username a store keeps; a longer one cannot exist and is not looked up.</summary>
    public const int MaxUsernameLength = 256;

    /// <summary>
    /// Reads the body. Every way a body can be malformed (a value or key over the form limits, too many fields, a
    /// multipart body without a boundary or cut short, an unknown charset, a body over its size limit) is the
    /// client's fault: a 400, 413 or 415 problem, not an exception for the log.
    /// </summary>
    public static async Task<(LoginCredentials? Credentials, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
        {
            return (null, TooLarge());
        }

        try
        {
            return await ReadUncheckedAsync(request, cancellationToken);
        }
        catch (BadHttpRequestException bad)
        {
            return (null, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge() : TypedResults.Problem(statusCode: bad.StatusCode, title: "Malformed login body"));
        }
        catch (JsonException)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON body", detail: "Send {\"username\": \"...\", \"password\": \"...\"}."));
        }
        catch (Exception exception) when (exception is InvalidDataException or DecoderFallbackException
            || (exception is IOException && !request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed login body", detail: "Send the form fields uname and passwd, or {\"username\": \"...\", \"password\": \"...\"}."));
        }
        catch (InvalidOperationException) when (request.HasJsonContentType())
        {
            // ReadFromJsonAsync's answer to a charset it does not know.
            return (null, UnsupportedBody());
        }
    }

    private static async Task<(LoginCredentials?, ProblemHttpResult?)> ReadUncheckedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return Validate(form["uname"].ToString(), form["passwd"].ToString(), "uname", "passwd", form.ContainsKey("uname"), form.ContainsKey("passwd"));
        }

        if (request.HasJsonContentType())
        {
            var body = await request.ReadFromJsonAsync<JsonBody>(cancellationToken);
            return Validate(body?.Username, body?.Password, "username", "password", body?.Username is not null, body?.Password is not null);
        }

        return (null, UnsupportedBody());
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Login body too large");

    private static ProblemHttpResult UnsupportedBody() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported body",
        detail: "Send the form fields uname and passwd, or a JSON body with username and password (UTF-8).");

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

        if (!IsPossibleUsername(username!))
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed username",
                detail: $"A username has at most {MaxUsernameLength} characters, no control characters and is valid Unicode."));
        }

        return (new LoginCredentials(username!, password!), null);
    }

    // PostgreSQL refuses NUL in text and Npgsql refuses unpaired surrogates: names no user can have.
    private static bool IsPossibleUsername(string username)
    {
        if (username.Length > MaxUsernameLength)
        {
            return false;
        }

        var rest = username.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done || Rune.IsControl(rune))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    private sealed record JsonBody(
        [property: JsonPropertyName("username")] string? Username,
        [property: JsonPropertyName("password")] string? Password);
}

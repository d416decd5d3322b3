using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Admin;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;Sublet:AdminToken&gt;</c>. Both tokens are hashed before the
/// constant-time comparison, so neither the content nor the length of the configured one leaks through timing. Over
/// plain HTTP from another machine nothing is compared and the answer is 403 (<see cref="AdminTransport"/>).
/// </summary>
internal sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AdminApiOptions> adminOptions,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private const string InsecureTransportItem = "Sublet.AdminTokenOverHttp";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = adminOptions.CurrentValue.AdminToken;
        if (string.IsNullOrEmpty(expected))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!AdminTransport.IsAllowed(Context, adminOptions.CurrentValue))
        {
            Context.Items[InsecureTransportItem] = true;
            return Task.FromResult(AuthenticateResult.Fail("The admin token is accepted over HTTPS or from loopback only."));
        }

        var header = Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = value[BearerPrefix.Length..].Trim();
        if (!CryptographicOperations.FixedTimeEquals(Digest(presented), Digest(expected)))
        {
            return Task.FromResult(AuthenticateResult.Fail("The admin token does not match."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(InsecureTransportItem))
        {
            await WriteProblemAsync(
                StatusCodes.Status403Forbidden,
                "HTTPS required",
                "The admin API accepts its token over HTTPS or from this machine only. A token sent over plain HTTP may have been read on the way: replace it.");
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Admin token required", "Send Authorization: Bearer <Sublet:AdminToken>.");
    }

    private ValueTask WriteProblemAsync(int status, string title, string detail) =>
        ProblemResponse.WriteAsync(problemDetails, Context, status, title, detail);

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

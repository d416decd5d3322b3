using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sublet.Sessions;

/// <summary>
/// Signs in under a new session id, whatever session the request came with. ASP.NET Core's cookie handler
/// would otherwise renew the request's session under its old id, so an id planted in a victim's browser
/// before login would stay valid after it (session fixation).
/// </summary>
internal static class SessionRotation
{
    public static async Task SignInWithNewSessionAsync(HttpContext context, string schemeName, System.Security.Claims.ClaimsPrincipal principal)
    {
        var schemes = context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
        var scheme = await schemes.GetSchemeAsync(schemeName)
            ?? throw new InvalidOperationException($"The authentication scheme '{schemeName}' is not registered: call AddTenantSessions().");

        // Ends the old session's row; the marker keeps the cookie manager from also writing a deletion that
        // would sit beside the new cookie in the response.
        context.Features.Set(Marker.Instance);
        await context.SignOutAsync(schemeName);

        // The request's handler remembers the old id; a fresh one finds no session for it and stores a new one.
        var handler = (IAuthenticationSignInHandler)ActivatorUtilities.CreateInstance(context.RequestServices, scheme.HandlerType);
        await handler.InitializeAsync(scheme, context);
        await handler.SignInAsync(principal, null);
    }

    public static bool IsRotating(HttpContext context) => context.Features.Get<Marker>() is not null;

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }
}

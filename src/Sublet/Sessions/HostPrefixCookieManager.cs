using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Sublet.Sessions;

/// <summary>
/// Names the session cookie <c>__Host-&lt;name&gt;</c> on HTTPS requests: browsers then accept it only with
/// <c>Secure</c>, <c>Path=/</c> and no <c>Domain</c>, so no sibling subdomain can plant or widen it. Over plain
/// HTTP (local development) the prefix would make browsers drop the cookie, so the bare name is used.
/// </summary>
internal sealed class HostPrefixCookieManager : ICookieManager
{
    public const string HostPrefix = "__Host-";

    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        _inner.AppendResponseCookie(context, Name(context, key), value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (SessionRotation.IsRotating(context))
        {
            // A login replaces the cookie in this same response.
            return;
        }

        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        _inner.DeleteCookie(context, Name(context, key), options);
    }

    internal static string Name(HttpContext context, string key) => context.Request.IsHttps ? HostPrefix + key : key;
}

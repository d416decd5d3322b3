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

    /// <summary>
    /// The session cookie, or none when the request carries it twice: over plain HTTP a sibling subdomain can set one
    /// for the whole domain, and which of the two a server reads must not be the attacker's choice.
    /// </summary>
    public string? GetRequestCookie(HttpContext context, string key)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = Name(context, key);
        return CountCookies(context.Request.Headers.Cookie, name) > 1 ? null : _inner.GetRequestCookie(context, name);
    }

    private static int CountCookies(Microsoft.Extensions.Primitives.StringValues headers, string name)
    {
        var count = 0;
        foreach (var header in headers)
        {
            foreach (var pair in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries))
            {
                if (pair.Length > name.Length && pair[name.Length] == '=' && pair.StartsWith(name, StringComparison.Ordinal))
                {
                    count++;
                }
            }
        }

        return count;
    }

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        HostOnly(context, options);
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

        HostOnly(context, options);
        _inner.DeleteCookie(context, Name(context, key), options);
    }

    // Never a Domain attribute, over HTTP too: it would hand the session to every subdomain of the domain named,
    // and a tenant's custom domain may share a parent with hosts that are not ours.
    private static void HostOnly(HttpContext context, CookieOptions options)
    {
        options.Domain = null;
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
        }
    }

    internal static string Name(HttpContext context, string key) => context.Request.IsHttps ? HostPrefix + key : key;
}

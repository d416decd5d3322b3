using System.Net;
using Microsoft.AspNetCore.Http;

namespace Sublet.Admin;

/// <summary>
/// Where the admin token may arrive: over HTTPS (directly, or as a trusted proxy's <c>X-Forwarded-Proto</c> says), from
/// a loopback address, or anywhere when <see cref="AdminApiOptions.AllowAdminTokenOverHttp"/> is set. A token sent in
/// clear text over a network can be read on the way, and whoever reads it can create and delete tenants.
/// </summary>
internal static class AdminTransport
{
    /// <summary>
    /// Decided on the request after the forwarded headers: behind a trusted proxy the scheme and address are the
    /// client's, so a proxy on this machine does not make every client look local.
    /// </summary>
    public static bool IsAllowed(HttpContext context, AdminApiOptions options) =>
        context.Request.IsHttps
        || context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        || options.AllowAdminTokenOverHttp;
}

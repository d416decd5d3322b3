using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Sublet.Server.Web;

/// <summary>
/// The one folder served at <c>/static/</c> on every host. Pages link its files with a content hash in the
/// query (<c>/static/tenant.js?v=…</c>), so a link to the current content may be cached for good while a
/// bare or outdated link is always revalidated against the <c>ETag</c>.
/// </summary>
internal sealed class StaticAssets(IFileProvider files) : IDisposable
{
    public const string RequestPath = "/static";
    public const string VersionParameter = "v";

    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";

    private readonly ConcurrentDictionary<string, (DateTimeOffset LastModified, long Length, string Version)> _versions = new(StringComparer.Ordinal);

    public IFileProvider Files => files;

    /// <summary>The versioned URL of <paramref name="name"/>, a path inside the static folder.</summary>
    public string Url(string name) =>
        Version(name) is { } version ? $"{RequestPath}/{name}?{VersionParameter}={version}" : $"{RequestPath}/{name}";

    /// <summary>A short hash of the file's content, or null when there is no such file.</summary>
    public string? Version(string name)
    {
        var file = files.GetFileInfo(name);
        if (!file.Exists || file.IsDirectory)
        {
            return null;
        }

        // Hashed again only when the file changes on disk, so an edited asset gets a new URL without a restart.
        if (_versions.TryGetValue(name, out var known) && known.LastModified == file.LastModified && known.Length == file.Length)
        {
            return known.Version;
        }

        // A synchronous read of a small local file, once per change; the response body is not involved.
        using var stream = file.CreateReadStream();
        var version = Convert.ToHexStringLower(SHA256.HashData(stream).AsSpan(0, 8));
        _versions[name] = (file.LastModified, file.Length, version);
        return version;
    }

    /// <summary>Sets <c>Cache-Control</c> for a file the static file middleware is about to send.</summary>
    public void PrepareResponse(StaticFileResponseContext context)
    {
        var request = context.Context.Request;
        var name = request.Path.Value?[RequestPath.Length..].TrimStart('/') ?? string.Empty;
        var asked = request.Query[VersionParameter].ToString();
        var current = asked.Length > 0 && string.Equals(asked, Version(name), StringComparison.Ordinal);
        var headers = context.Context.Response.Headers;
        headers.CacheControl = current ? Immutable : Revalidate;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
    }

    public void Dispose() => (files as IDisposable)?.Dispose();
}

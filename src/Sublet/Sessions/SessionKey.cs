using System.Security.Cryptography;
using System.Text;

namespace Sublet.Sessions;

/// <summary>Session ids: 256 random bits for the cookie, their SHA-256 for the database.</summary>
internal static class SessionKey
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The hash as lowercase hex, as PostgreSQL's <c>encode(id_hash, 'hex')</c> writes it.</summary>
    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Text;

namespace Sublet.Passwords;

/// <summary>
/// Django's <c>pbkdf2_sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c>: the salt is used as its UTF-8 text,
/// the hash is standard base64.
/// </summary>
internal static class DjangoFormat
{
    public const string Prefix = "pbkdf2_sha256$";

    public static bool TryParse(string hash, out Pbkdf2Hash? parsed)
    {
        parsed = null;
        if (!ModularHash.TrySplit(hash, Prefix, out var iterations, out var salt, out var encodedKey) || salt.Length == 0)
        {
            return false;
        }

        var key = new byte[32];
        if (!Convert.TryFromBase64String(encodedKey, key, out var written) || written != key.Length)
        {
            return false;
        }

        parsed = new Pbkdf2Hash(iterations, Encoding.UTF8.GetBytes(salt), key);
        return true;
    }
}

using System.Buffers.Text;
using System.Globalization;

namespace Sublet.Passwords;

/// <summary>
/// passlib's <c>$pbkdf2-sha256$&lt;rounds&gt;$&lt;salt&gt;$&lt;checksum&gt;</c>: salt and checksum in "adapted base64"
/// (standard alphabet with <c>.</c> for <c>+</c>, no padding).
/// </summary>
internal static class PasslibFormat
{
    public const string Prefix = "$pbkdf2-sha256$";
    public static bool TryParse(string hash, out Pbkdf2Hash? parsed)
    {
        parsed = null;
        if (!ModularHash.TrySplit(hash, Prefix, out var rounds, out var encodedSalt, out var encodedKey)
            || !TryDecode(encodedSalt, out var salt)
            || !TryDecode(encodedKey, out var key)
            || key.Length != Pbkdf2Computer.KeyLength)
        {
            return false;
        }

        parsed = new Pbkdf2Hash(rounds, salt, key);
        return true;
    }

    public static string Format(int rounds, byte[] salt, byte[] key) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{rounds}${Encode(salt)}${Encode(key)}");

    public static byte[] DeriveNew(string password, int rounds, out byte[] salt)
    {
        salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        return new Pbkdf2Hash(rounds, salt, new byte[Pbkdf2Computer.KeyLength]).Derive(password);
    }

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '.');

    public static bool TryDecode(string text, out byte[] bytes)
    {
        var standard = text.Replace('.', '+');
        standard += (standard.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(standard.Length)];
        if (standard.Length % 4 == 1 || !Convert.TryFromBase64String(standard, bytes, out var written))
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}

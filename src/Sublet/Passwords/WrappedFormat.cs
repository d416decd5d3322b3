using System.Globalization;

namespace Sublet.Passwords;

/// <summary>
/// Sublet's own <c>$sublet-pbkdf2-sha256-wrapped$&lt;rounds&gt;$&lt;salt&gt;$&lt;wrap rounds&gt;$&lt;wrap salt&gt;$&lt;key&gt;</c>:
/// an imported passlib or Django hash with fewer rounds than configured, whose derived key is hashed again with
/// PBKDF2-SHA256 for the missing rounds. Checking it costs exactly the configured rounds, like any other login, and a
/// stolen row costs a guesser as much as a fresh hash, without the password ever being known. Salts and key are in
/// passlib's adapted base64.
/// </summary>
internal static class WrappedFormat
{
    public const string Prefix = "$sublet-pbkdf2-sha256-wrapped$";

    public static string Format(int rounds, byte[] salt, int wrapRounds, byte[] wrapSalt, byte[] key) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Prefix}{rounds}${PasslibFormat.Encode(salt)}${wrapRounds}${PasslibFormat.Encode(wrapSalt)}${PasslibFormat.Encode(key)}");

    public static bool TryParse(string hash, out StoredHash? parsed)
    {
        parsed = null;
        if (!hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = hash[Prefix.Length..].Split('$');
        if (parts.Length != 5
            || !TryParseRounds(parts[0], out var rounds)
            || !PasslibFormat.TryDecode(parts[1], out var salt)
            || !TryParseRounds(parts[2], out var wrapRounds)
            || !PasslibFormat.TryDecode(parts[3], out var wrapSalt)
            || !PasslibFormat.TryDecode(parts[4], out var key)
            || key.Length != Pbkdf2Computer.KeyLength)
        {
            return false;
        }

        parsed = new StoredHash(new Pbkdf2Hash(rounds, salt, key), wrapRounds, wrapSalt, StoredHashKind.Wrapped);
        return true;
    }

    private static bool TryParseRounds(string text, out int rounds) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out rounds) && rounds is >= 1 and <= Pbkdf2Hash.MaxIterations;
}

using System.Globalization;

namespace Sublet.Passwords;

/// <summary>The shape passlib and Django share: <c>&lt;prefix&gt;&lt;iterations&gt;$&lt;salt&gt;$&lt;key&gt;</c>.</summary>
internal static class ModularHash
{
    /// <summary>Splits <paramref name="hash"/> after <paramref name="prefix"/>; the iteration count must be in range.</summary>
    public static bool TrySplit(string hash, string prefix, out int iterations, out string salt, out string key)
    {
        (iterations, salt, key) = (0, string.Empty, string.Empty);
        if (!hash.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = hash[prefix.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < 1 or > Pbkdf2Hash.MaxIterations)
        {
            return false;
        }

        (salt, key) = (parts[1], parts[2]);
        return true;
    }
}

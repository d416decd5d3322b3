namespace Sublet.Passwords;

/// <summary>Which stored password hashes Sublet can verify, for checking hashes brought in from elsewhere.</summary>
public static class PasswordHashFormat
{
    /// <summary>
    /// True when <paramref name="hash"/> parses as passlib's <c>$pbkdf2-sha256$</c> or Django's <c>pbkdf2_sha256$</c>
    /// format within the accepted round counts: exactly the hashes a login can be checked against.
    /// </summary>
    public static bool IsSupported(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return PasslibFormat.TryParse(hash, out _) || DjangoFormat.TryParse(hash, out _);
    }
}

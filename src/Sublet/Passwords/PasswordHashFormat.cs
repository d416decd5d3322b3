namespace Sublet.Passwords;

/// <summary>Which stored password hashes Sublet can verify, for checking hashes brought in from elsewhere.</summary>
public static class PasswordHashFormat
{
    /// <summary>
    /// True when <paramref name="hash"/> parses as passlib's <c>$pbkdf2-sha256$</c>, Django's <c>pbkdf2_sha256$</c> or
    /// Sublet's wrapped format with at most 10,000,000 rounds. <c>Sublet:Passwords:MaxIterations</c> may refuse fewer.
    /// </summary>
    public static bool IsSupported(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return StoredHash.TryParse(hash, out _);
    }
}

namespace Sublet.Passwords;

/// <summary>Makes and checks password hashes in passlib's and Django's PBKDF2-SHA256 formats.</summary>
public interface IPasswordHasher
{
    /// <summary>Hashes <paramref name="password"/> in passlib's <c>$pbkdf2-sha256$</c> format with the configured rounds.</summary>
    string Hash(string password);

    /// <summary>Checks <paramref name="password"/> against <paramref name="hash"/> in constant time.</summary>
    PasswordVerification Verify(string password, string hash);

    /// <summary>
    /// Spends the same time as a real check, for a user who does not exist, so response times do not tell
    /// which usernames are taken.
    /// </summary>
    void VerifyNothing(string password);
}

using System.Security.Cryptography;

namespace Sublet.Passwords;

/// <summary>
/// Every PBKDF2-SHA256 computation of a login goes through here, so the rounds actually spent can be counted: that
/// a login costs the same for every username is a claim about work done, which wall-clock time only estimates.
/// </summary>
internal sealed class Pbkdf2Computer(Action<int>? roundsComputed = null)
{
    public const int KeyLength = 32;

    public static Pbkdf2Computer Default { get; } = new();

    public byte[] Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int rounds)
    {
        roundsComputed?.Invoke(rounds);
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, rounds, HashAlgorithmName.SHA256, KeyLength);
    }
}

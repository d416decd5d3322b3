using System.Security.Cryptography;
using System.Text;
using Sublet.Core;

namespace Sublet.Passwords;

/// <summary>A parsed PBKDF2-SHA256 hash: its rounds, salt and expected key.</summary>
internal sealed record Pbkdf2Hash(int Iterations, byte[] Salt, byte[] Key)
{
    /// <summary>More rounds than any real hash uses: a stored value above it is refused, not computed for minutes.</summary>
    public const int MaxIterations = PasswordOptions.HighestIterations;

    public byte[] Derive(string password) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Salt, Iterations, HashAlgorithmName.SHA256, Key.Length);
}

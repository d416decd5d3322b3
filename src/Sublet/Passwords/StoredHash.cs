using System.Security.Cryptography;
using System.Text;

namespace Sublet.Passwords;

/// <summary>
/// A stored hash of any supported format, as one chain: PBKDF2-SHA256 of the password with <see cref="Pbkdf2Hash.Salt"/>
/// and <see cref="Pbkdf2Hash.Iterations"/>, then, for a wrapped one, PBKDF2-SHA256 of that key with the wrap salt and
/// rounds; <see cref="Pbkdf2Hash.Key"/> is what the chain must end in.
/// </summary>
internal sealed record StoredHash(Pbkdf2Hash First, int WrapRounds, byte[] WrapSalt, StoredHashKind Kind)
{
    /// <summary>The rounds a check of this hash computes.</summary>
    public long Rounds => (long)First.Iterations + WrapRounds;

    public static bool TryParse(string hash, out StoredHash? parsed)
    {
        parsed = null;
        if (PasslibFormat.TryParse(hash, out var passlib))
        {
            parsed = new StoredHash(passlib!, 0, [], StoredHashKind.Passlib);
        }
        else if (DjangoFormat.TryParse(hash, out var django))
        {
            parsed = new StoredHash(django!, 0, [], StoredHashKind.Django);
        }
        else
        {
            return WrappedFormat.TryParse(hash, out parsed);
        }

        return true;
    }

    public bool Matches(string password, Pbkdf2Computer pbkdf2)
    {
        var key = pbkdf2.Derive(Encoding.UTF8.GetBytes(password), First.Salt, First.Iterations);
        if (WrapRounds > 0)
        {
            key = pbkdf2.Derive(key, WrapSalt, WrapRounds);
        }

        return CryptographicOperations.FixedTimeEquals(key, First.Key);
    }
}

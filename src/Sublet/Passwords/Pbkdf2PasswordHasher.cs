using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Passwords;

/// <summary>PBKDF2-SHA256 in passlib's format for new hashes; passlib's and Django's formats verified.</summary>
internal sealed class Pbkdf2PasswordHasher(IOptions<SubletOptions> options) : IPasswordHasher
{
    private readonly int _iterations = options.Value.Passwords.Iterations;
    private Pbkdf2Hash? _decoy;

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var key = PasslibFormat.DeriveNew(password, _iterations, out var salt);
        return PasslibFormat.Format(_iterations, salt, key);
    }

    public PasswordVerification Verify(string password, string hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(hash);
        var isPasslib = PasslibFormat.TryParse(hash, out var parsed);
        if (!isPasslib && !DjangoFormat.TryParse(hash, out parsed))
        {
            return PasswordVerification.Failed;
        }

        if (!parsed!.Matches(password))
        {
            return PasswordVerification.Failed;
        }

        // Django hashes are rewritten in passlib's format too, so one format remains after a login.
        return isPasslib && parsed.Iterations >= _iterations
            ? PasswordVerification.Success
            : PasswordVerification.SuccessRehashNeeded;
    }

    public void VerifyNothing(string password)
    {
        _decoy ??= new Pbkdf2Hash(_iterations, new byte[16], PasslibFormat.DeriveNew("decoy", _iterations, out _));
        _ = _decoy.Matches(password ?? string.Empty);
    }
}

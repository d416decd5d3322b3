using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Passwords;

/// <summary>
/// PBKDF2-SHA256 in passlib's format for new hashes; passlib's, Django's and Sublet's wrapped formats verified. Every
/// check computes exactly the configured rounds, whoever the user (or none), unless a stored hash demands more, up to
/// <see cref="PasswordOptions.EffectiveMaxIterations"/>.
/// </summary>
internal sealed class Pbkdf2PasswordHasher : IPasswordHasher
{
    private const int MaxRememberedRefusals = 1_024;
    private static readonly byte[] PaddingSalt = new byte[16];

    private readonly int _iterations;
    private readonly int _maxIterations;
    private readonly ILogger _logger;
    private readonly Pbkdf2Computer _pbkdf2;
    private readonly ConcurrentDictionary<string, bool> _refusedHashes = new(StringComparer.Ordinal);

    public Pbkdf2PasswordHasher(IOptions<PasswordOptions> options, ILogger<Pbkdf2PasswordHasher> logger)
        : this(options, logger, Pbkdf2Computer.Default)
    {
    }

    /// <summary>For making hashes outside a host, where nothing is verified and logged.</summary>
    internal Pbkdf2PasswordHasher(IOptions<PasswordOptions> options)
        : this(options, NullLogger.Instance, Pbkdf2Computer.Default)
    {
    }

    internal Pbkdf2PasswordHasher(IOptions<PasswordOptions> options, ILogger logger, Pbkdf2Computer pbkdf2)
    {
        _iterations = options.Value.Iterations;
        _maxIterations = options.Value.EffectiveMaxIterations;
        _logger = logger;
        _pbkdf2 = pbkdf2;
    }

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
        if (!StoredHash.TryParse(hash, out var stored))
        {
            SpendRounds(password, _iterations);
            return PasswordVerification.Failed;
        }

        if (stored!.Rounds > _maxIterations)
        {
            // An attacker cannot choose a stored hash, so the set only keeps one bad row from logging at every attempt.
            if (_refusedHashes.Count < MaxRememberedRefusals && _refusedHashes.TryAdd(hash, true))
            {
                Log.HashOverCap(_logger, stored.Rounds, _maxIterations);
            }

            SpendRounds(password, _iterations);
            return PasswordVerification.Failed;
        }

        var matches = stored.Matches(password, _pbkdf2);
        // A cheaper hash (an old one, or the rounds setting raised since) is made up to the configured cost, so its
        // user's logins take as long as an unknown user's.
        SpendRounds(password, _iterations - stored.Rounds);
        if (!matches)
        {
            return PasswordVerification.Failed;
        }

        // Anything else than passlib's format at the configured rounds is rewritten, so one format and one cost remain.
        return stored.Kind == StoredHashKind.Passlib && stored.Rounds == _iterations
            ? PasswordVerification.Success
            : PasswordVerification.SuccessRehashNeeded;
    }

    public void VerifyNothing(string password) => SpendRounds(password ?? string.Empty, _iterations);

    private void SpendRounds(string password, long rounds)
    {
        if (rounds > 0)
        {
            _ = _pbkdf2.Derive(Encoding.UTF8.GetBytes(password), PaddingSalt, (int)rounds);
        }
    }
}

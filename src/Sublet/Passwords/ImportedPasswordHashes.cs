using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Passwords;

/// <summary>
/// Turns a hash brought in from elsewhere into the one to store. One with fewer rounds than configured is wrapped
/// (<see cref="WrappedFormat"/>) so that a login of its user costs what any other login costs and timing does not tell
/// that it exists; one demanding more than the cap is refused.
/// </summary>
internal sealed class ImportedPasswordHashes(IOptions<PasswordOptions> options)
{
    private readonly int _iterations = options.Value.Iterations;
    private readonly int _maxIterations = options.Value.EffectiveMaxIterations;

    /// <summary>True when <paramref name="hash"/> can be imported; false with <paramref name="problem"/> saying why not.</summary>
    public bool TryCheck(string hash, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(hash);
        problem = null;
        if (!StoredHash.TryParse(hash, out var parsed))
        {
            problem = "is not a supported format ($pbkdf2-sha256$... from passlib or pbkdf2_sha256$... from Django)";
        }
        else if (parsed!.Rounds > _maxIterations)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"demands {parsed.Rounds:N0} rounds, more than Sublet:Passwords:MaxIterations ({_maxIterations:N0})");
        }

        return problem is null;
    }

    /// <summary>
    /// The hash to store for a checked <paramref name="hash"/>: wrapped up to the configured rounds when it has fewer,
    /// which computes the missing rounds (a fraction of a second each), else itself.
    /// </summary>
    public string Prepare(string hash)
    {
        if (!TryCheck(hash, out var problem) || !StoredHash.TryParse(hash, out var parsed))
        {
            throw new ArgumentException($"The hash {problem}.", nameof(hash));
        }

        if (parsed!.Kind == StoredHashKind.Wrapped || parsed.Rounds >= _iterations)
        {
            return hash;
        }

        var wrapRounds = (int)(_iterations - parsed.Rounds);
        var wrapSalt = RandomNumberGenerator.GetBytes(16);
        var key = Pbkdf2Computer.Default.Derive(parsed.First.Key, wrapSalt, wrapRounds);
        return WrappedFormat.Format(parsed.First.Iterations, parsed.First.Salt, wrapRounds, wrapSalt, key);
    }

    /// <summary>True when a stored <paramref name="hash"/> costs more than the configured rounds, so its user's logins take longer than others' until they log in once.</summary>
    public bool CostsMoreThanConfigured(string hash) => StoredHash.TryParse(hash, out var parsed) && parsed!.Rounds > _iterations;
}

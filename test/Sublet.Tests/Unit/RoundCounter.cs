using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sublet.Passwords;
using Sublet.Core;

namespace Sublet.Tests.Unit;

/// <summary>The real hasher, counting the PBKDF2 rounds it actually computes.</summary>
internal sealed class RoundCounter
{
    private long _rounds;

    public Pbkdf2PasswordHasher Hasher(IOptions<PasswordOptions> options, ILogger? logger = null) =>
        new(options, logger ?? NullLogger.Instance, new Pbkdf2Computer(rounds => Interlocked.Add(ref _rounds, rounds)));

    /// <summary>The rounds computed while <paramref name="check"/> ran.</summary>
    public long Rounds(Action check)
    {
        var before = Interlocked.Read(ref _rounds);
        check();
        return Interlocked.Read(ref _rounds) - before;
    }
}

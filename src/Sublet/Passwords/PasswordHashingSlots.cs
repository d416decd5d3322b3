using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Passwords;

/// <summary>
/// A concurrency limiter in front of dedicated threads. Why threads of their own: PBKDF2 runs for hundreds of
/// milliseconds, and a few request threads blocked that long starve the thread pool, whose other work (every other
/// request) then waits for new threads to be injected, one or two a second.
/// </summary>
internal sealed class PasswordHashingSlots : IPasswordHashingSlots, IDisposable
{
    private readonly ConcurrencyLimiter _slots;

    public PasswordHashingSlots(IOptions<PasswordOptions> options)
    {
        var passwords = options.Value;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = passwords.EffectiveConcurrentHashes,
            QueueLimit = passwords.QueuedHashes,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public async Task<bool> TryRunAsync(Action work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var lease = await _slots.AcquireAsync(cancellationToken: cancellationToken);
        if (!lease.IsAcquired)
        {
            return false;
        }

        await Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return true;
    }

    public void Dispose() => _slots.Dispose();
}

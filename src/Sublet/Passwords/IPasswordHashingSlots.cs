namespace Sublet.Passwords;

/// <summary>
/// Bounds password hashing server-wide: a few hashes run at once, each on a thread of its own rather than a request
/// thread, a short queue waits, and beyond it the caller is told to answer 503, so a login flood cannot take the CPU
/// and the thread pool from health checks, pages and signed-in requests.
/// </summary>
public interface IPasswordHashingSlots
{
    /// <summary>
    /// Runs <paramref name="work"/> (a hash or a check) when a hashing slot is free. False, without running it, when
    /// every slot is busy and the queue is full: answer 503 with <c>Retry-After</c>.
    /// </summary>
    Task<bool> TryRunAsync(Action work, CancellationToken cancellationToken = default);
}

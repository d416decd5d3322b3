using System.Diagnostics;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// Waits for a condition the test cannot be told about (a notification reaching another instance, a row in
/// pg_stat_activity), checking it again every <c>interval</c> until it holds or <c>limit</c> has passed.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>True as soon as <paramref name="condition"/> holds; false when it still does not after <paramref name="limit"/>.</summary>
    public static async Task<bool> UntilAsync(
        Func<Task<bool>> condition, TimeSpan limit, TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        var token = cancellationToken.CanBeCanceled ? cancellationToken : TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed >= limit)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval, token);
        }

        return true;
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, TimeSpan?, CancellationToken)"/>
    public static Task<bool> UntilAsync(
        Func<bool> condition, TimeSpan limit, TimeSpan? interval = null, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), limit, interval, cancellationToken);

    /// <summary>
    /// How long <paramref name="condition"/> took to hold, or <see cref="TimeSpan.MaxValue"/> when it did not within
    /// <paramref name="limit"/>.
    /// </summary>
    public static async Task<TimeSpan> TimeUntilAsync(Func<Task<bool>> condition, TimeSpan limit, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        return await UntilAsync(condition, limit, interval) ? clock.Elapsed : TimeSpan.MaxValue;
    }
}

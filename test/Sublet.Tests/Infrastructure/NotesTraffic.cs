using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// Steady traffic on <see cref="NotesEndpoints"/>: two writers adding notes to one tenant, retrying only a 503
/// that carries Retry-After, and a reader of that tenant and a bystander, each checking it sees only its own
/// tenant's notes. It records every acknowledged write, anything unexpected, and the longest a write waited.
/// </summary>
public sealed class NotesTraffic : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private long _longestWriteTicks;
    private int _retried;
    private int _reads;

    private NotesTraffic()
    {
    }

    public ConcurrentBag<string> Acknowledged { get; } = [];

    public ConcurrentBag<string> Unexpected { get; } = [];

    public int Retried => _retried;

    public int Reads => _reads;

    /// <summary>The longest a write took from its first attempt to its acknowledgement, retries included.</summary>
    public TimeSpan LongestWrite => TimeSpan.FromTicks(Interlocked.Read(ref _longestWriteTicks));

    /// <summary>Starts the traffic; each client is made (e.g. signed in) by <paramref name="client"/> for a tenant.</summary>
    public static async Task<NotesTraffic> StartAsync(Func<string, Task<HostClient>> client, string busy, string bystander)
    {
        var traffic = new NotesTraffic();
        for (var writer = 0; writer < 2; writer++)
        {
            var writerClient = await client(busy);
            var name = writer;
            traffic._tasks.Add(Task.Run(() => traffic.WriteAsync(writerClient, $"{busy}-{name}")));
        }

        var readers = new[] { (await client(busy), busy), (await client(bystander), bystander) };
        traffic._tasks.Add(Task.Run(() => traffic.ReadAsync(readers)));
        return traffic;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_tasks);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task WriteAsync(HostClient client, string prefix)
    {
        using (client)
        {
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                var text = $"{prefix}-{i}";
                var started = Stopwatch.GetTimestamp();
                for (var attempt = 0; ; attempt++)
                {
                    var response = await client.SendAsync(HttpMethod.Post, $"/test/notes?text={text}");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Acknowledged.Add(text);
                        var waited = Stopwatch.GetElapsedTime(started).Ticks;
                        InterlockedMax(ref _longestWriteTicks, waited);
                        break;
                    }

                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null || attempt == 200)
                    {
                        Unexpected.Add($"POST {text}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        break;
                    }

                    Interlocked.Increment(ref _retried);
                    await Task.Delay(20);
                }
            }
        }
    }

    private async Task ReadAsync((HostClient Client, string Prefix)[] readers)
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var (client, prefix) in readers)
            {
                var response = await client.GetAsync("/test/notes");
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                {
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || JsonSerializer.Deserialize<string[]>(body)!.Any(note => !note.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    Unexpected.Add($"GET {prefix}: {(int)response.StatusCode} {body}");
                }

                Interlocked.Increment(ref _reads);
            }
        }

        foreach (var (client, _) in readers)
        {
            client.Dispose();
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sublet.Bench;

/// <summary>Logs in to tenants and checks responses, talking to 127.0.0.1 with each tenant's Host header.</summary>
internal sealed partial class Client(int port) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
    };

    public static string Host(int tenant, int port) => $"t{tenant}.localhost:{port}";

    public int Port { get; } = port;

    /// <summary>Logs in once to every tenant, a few at a time; returns each tenant's session cookie.</summary>
    public async Task<string[]> LoginAllAsync(int tenants, CancellationToken cancellationToken)
    {
        var cookies = new string[tenants];
        await Parallel.ForAsync(1, tenants + 1, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (tenant, token) =>
        {
            cookies[tenant - 1] = await LoginAsync(tenant, token) ?? throw new InvalidOperationException($"Login to t{tenant} failed.");
        });
        return cookies;
    }

    /// <summary>Login requests per second against tenants t1/t2, whose hashes have full-strength rounds.</summary>
    public async Task<double> LoginRateAsync(TimeSpan duration, int concurrency, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var count = 0;
        await Parallel.ForAsync(0, concurrency, cancellationToken, async (worker, token) =>
        {
            while (stopwatch.Elapsed < duration)
            {
                _ = await LoginAsync(1 + (worker % 2), token) ?? throw new InvalidOperationException("A benchmark login failed.");
                Interlocked.Increment(ref count);
            }
        });
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Sends <paramref name="requests"/> authenticated reads across tenants; counts non-200 and wrong-tenant bodies.</summary>
    public async Task<(int NotOk, int WrongTenant)> VerifyAsync(string[] cookies, int requests, CancellationToken cancellationToken)
    {
        var notOk = 0;
        var wrong = 0;
        await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var tenant = 1 + (i % cookies.Length);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/data");
            request.Headers.TryAddWithoutValidation("Host", Host(tenant, Port));
            request.Headers.Add("Cookie", cookies[tenant - 1]);
            using var response = await _http.SendAsync(request, token);
            var body = await response.Content.ReadAsStringAsync(token);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref notOk);
                return;
            }

            var owners = RowOwners(body);
            if (owners.Length != 1 || owners[0] != tenant.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                Interlocked.Increment(ref wrong);
            }
        });
        return (notOk, wrong);
    }

    /// <summary>The distinct tenant numbers named by the rows of a <c>/data</c> body.</summary>
    public static string[] RowOwners(string body) => [.. RowOwner().Matches(body).Select(match => match.Groups[1].Value).Distinct()];

    public void Dispose() => _http.Dispose();

    private async Task<string?> LoginAsync(int tenant, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("uname", "user"), new("passwd", BenchDatabase.Password)]),
        };
        request.Headers.TryAddWithoutValidation("Host", Host(tenant, Port));
        using var response = await _http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode && response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.First().Split(';')[0]
            : null;
    }

    [GeneratedRegex(@"tenant (\d+) row")]
    private static partial Regex RowOwner();
}

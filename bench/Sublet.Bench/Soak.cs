using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using Sublet.Embedded;
using Sublet.Testing;

namespace Sublet.Bench;

/// <summary>
/// A bounded mixed run against one server: workers log in, read, log out and check the old cookie, while a tenant
/// is created, another suspended, backends are killed and PostgreSQL restarts, at fixed points of the run.
/// </summary>
internal sealed class Soak(EmbeddedPostgres cluster, string connectionString, ServerProcess server, string adminToken, int tenants) : IDisposable
{
    public const int Workers = 8;
    public const int SuspendedTenant = 5;
    private const int ReadsPerLogin = 5;

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{server.Port}"),
        Timeout = TimeSpan.FromSeconds(15),
    };

    private readonly SoakTally _tally = new();
    private readonly List<string> _events = [];
    private readonly int _tenants = tenants;
    private int _servedTenants = tenants;

    public static string NewAdminToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public async Task<SoakResult> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var startRss = server.ResidentMegabytes();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, Workers).Select(worker => WorkAsync(worker, stop.Token)).ToArray();
        await ScheduleAsync(duration, cancellationToken);
        await AtAsync(duration, cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var elapsed = _tally.NowMs / 1000;
        return new SoakResult(_tally, elapsed, startRss, server.ResidentMegabytes(), _events);
    }

    public void Dispose() => _http.Dispose();

    private async Task ScheduleAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        await AtAsync(duration * 0.2, cancellationToken);
        await CreateTenantAsync(_tenants + 1, cancellationToken);
        await AtAsync(duration * 0.35, cancellationToken);
        await SuspendAsync(SuspendedTenant, cancellationToken);
        await AtAsync(duration * 0.5, cancellationToken);
        await KillBackendsAsync(3, cancellationToken);
        await AtAsync(duration * 0.65, cancellationToken);
        await RestartAsync(cancellationToken);
    }

    private async Task AtAsync(TimeSpan offset, CancellationToken cancellationToken)
    {
        var wait = offset - TimeSpan.FromMilliseconds(_tally.NowMs);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private void Event(string text) => _events.Add($"{_tally.NowMs / 1000:F1} s: {text}");

    private async Task CreateTenantAsync(int tenant, CancellationToken cancellationToken)
    {
        using var request = Admin(HttpMethod.Post, "/api/tenants");
        request.Content = JsonContent.Create(new { slug = $"t{tenant}", admin = "user", password = BenchDatabase.Password });
        var sent = _tally.NowMs;
        using var response = await _http.SendAsync(request, cancellationToken);
        Require(response, 201, "creating a tenant");

        // Rows naming the tenant, so its reads are checked like everyone else's.
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var schema = dataSource.CreateCommand("SELECT schema_name FROM sublet.tenant WHERE slug = $1"))
        {
            schema.Parameters.Add(new NpgsqlParameter { Value = $"t{tenant}" });
            var name = (string)(await schema.ExecuteScalarAsync(cancellationToken))!;
            await using var insert = dataSource.CreateCommand(
                $"INSERT INTO \"{name}\".company_data (description) SELECT 'tenant {tenant} row ' || k FROM generate_series(1, 3) k");
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // The server learns of the tenant from the catalog; time until its host logs in.
        while (!await ServesLoginAsync(tenant, cancellationToken))
        {
            await Task.Delay(20, cancellationToken);
        }

        Event($"created t{tenant} through the admin API; it served a login {_tally.NowMs - sent:F0} ms after the request");
        Volatile.Write(ref _servedTenants, tenant);
    }

    // Not tallied: 404 is the right answer until the catalog change reaches the server.
    private async Task<bool> ServesLoginAsync(int tenant, CancellationToken cancellationToken)
    {
        using var request = Request(tenant, HttpMethod.Post, "/login", cookie: null);
        request.Content = new FormUrlEncodedContent([new("uname", "user"), new("passwd", BenchDatabase.Password)]);
        using var response = await _http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private async Task SuspendAsync(int tenant, CancellationToken cancellationToken)
    {
        _tally.Suspending(tenant);
        using var request = Admin(HttpMethod.Post, $"/api/tenants/t{tenant}/suspend");
        using var response = await _http.SendAsync(request, cancellationToken);
        Require(response, 200, "suspending a tenant");
        Event($"suspended t{tenant}");
    }

    private async Task KillBackendsAsync(int count, CancellationToken cancellationToken)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken);
        // The catalog listener is left alone: this is about requests losing their connection.
        await using var kill = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM (
              SELECT pid FROM pg_stat_activity
              WHERE datname = $1 AND pid <> pg_backend_pid() AND query NOT ILIKE 'LISTEN%' LIMIT $2) victims
            """, connection);
        kill.Parameters.Add(new NpgsqlParameter { Value = database });
        kill.Parameters.Add(new NpgsqlParameter { Value = count });
        _tally.BackendsKilled();
        var killed = (long)(await kill.ExecuteScalarAsync(cancellationToken))!;
        Event($"killed {killed} server backends with pg_terminate_backend");
    }

    private async Task RestartAsync(CancellationToken cancellationToken)
    {
        _tally.OutageStarted();
        Event("stopping PostgreSQL (pg_ctl stop -m fast)");
        await cluster.StopAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        await cluster.StartAsync(cancellationToken);
        _tally.OutageEnded();
        Event($"PostgreSQL accepting connections again after {(_tally.OutageEndMs - _tally.OutageStartMs) / 1000:F1} s");
    }

    private HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Host", $"localhost:{server.Port}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        return request;
    }

    private static void Require(HttpResponseMessage response, int status, string what)
    {
        if ((int)response.StatusCode != status)
        {
            throw new InvalidOperationException($"The server answered {(int)response.StatusCode} to {what}.");
        }
    }

    private async Task WorkAsync(int worker, CancellationToken cancellationToken)
    {
        var random = new Random(worker);
        while (!cancellationToken.IsCancellationRequested)
        {
            var tenant = 1 + random.Next(Volatile.Read(ref _servedTenants));
            try
            {
                var (status, cookie) = await LoginAsync(tenant, cancellationToken);
                if (cookie is null)
                {
                    // Down or suspended: back off like a client honouring Retry-After would, only shorter.
                    await Task.Delay(status == 503 ? 100 : 20, cancellationToken);
                    continue;
                }

                for (var read = 0; read < ReadsPerLogin; read++)
                {
                    await ReadAsync(tenant, cookie, "data", 200, cancellationToken);
                }

                if (random.Next(3) == 0 && await SendAsync(tenant, HttpMethod.Post, "/logout", cookie, "logout", 200, cancellationToken) == 200)
                {
                    await ReadAsync(tenant, cookie, "data after logout", 401, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private async Task<(int Status, string? Cookie)> LoginAsync(int tenant, CancellationToken cancellationToken)
    {
        using var request = Request(tenant, HttpMethod.Post, "/login", cookie: null);
        request.Content = new FormUrlEncodedContent([new("uname", "user"), new("passwd", BenchDatabase.Password)]);
        using var response = await SendAsync(tenant, request, "login", 200, cancellationToken);
        return response is { StatusCode: System.Net.HttpStatusCode.OK } && response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? (200, cookies.First().Split(';')[0])
            : ((int?)response?.StatusCode ?? 0, null);
    }

    private async Task ReadAsync(int tenant, string cookie, string step, int expected, CancellationToken cancellationToken)
    {
        using var request = Request(tenant, HttpMethod.Get, "/data", cookie);
        using var response = await SendAsync(tenant, request, step, expected, cancellationToken);
        if (response is { StatusCode: System.Net.HttpStatusCode.OK })
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var owners = Client.RowOwners(body);
            if (owners.Length != 1 || owners[0] != tenant.ToString(CultureInfo.InvariantCulture))
            {
                _tally.WrongTenantBody(tenant, body);
            }
        }
    }

    private async Task<int> SendAsync(int tenant, HttpMethod method, string path, string cookie, string step, int expected, CancellationToken cancellationToken)
    {
        using var request = Request(tenant, method, path, cookie);
        using var response = await SendAsync(tenant, request, step, expected, cancellationToken);
        return (int?)response?.StatusCode ?? 0;
    }

    private async Task<HttpResponseMessage?> SendAsync(int tenant, HttpRequestMessage request, string step, int expected, CancellationToken cancellationToken)
    {
        var sent = _tally.NowMs;
        try
        {
            var response = await _http.SendAsync(request, cancellationToken);
            _tally.Record(tenant, step, sent, (int)response.StatusCode, response.Headers.RetryAfter is not null, expected);
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _tally.TransportError(tenant, step, exception);
            return null;
        }
    }

    private HttpRequestMessage Request(int tenant, HttpMethod method, string path, string? cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Host", Client.Host(tenant, server.Port));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }
}

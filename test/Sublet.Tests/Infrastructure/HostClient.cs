using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// Talks to the server at 127.0.0.1 with a chosen Host header and, like <c>curl -b</c>, an explicit cookie:
/// nothing is sent that the test did not ask for. With <paramref name="from"/>, connects from that local address
/// (e.g. <c>127.0.0.2</c>), as a client or proxy on another machine would.
/// </summary>
public sealed class HostClient(Uri address, string host, IPAddress? from = null) : IDisposable
{
    private readonly HttpClient _http = new(Handler(from)) { BaseAddress = address };

    public string Host { get; } = host;

    /// <summary>The session cookie (<c>name=value</c>) sent with each request, if any.</summary>
    public string? Cookie { get; set; }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>
    /// GETs <paramref name="path"/> until it answers <paramref name="expected"/> or <paramref name="limit"/> passes,
    /// for changes a server learns of by notification; returns the last status.
    /// </summary>
    public async Task<HttpStatusCode> WaitForStatusAsync(string path, HttpStatusCode expected, TimeSpan limit)
    {
        var status = default(HttpStatusCode);
        await Poll.UntilAsync(async () => (status = (await GetAsync(path)).StatusCode) == expected, limit);
        return status;
    }

    /// <summary>A GET that stops when <paramref name="giveUp"/> fires, as a client that gives up half way.</summary>
    public Task<HttpResponseMessage> GetOrGiveUpAsync(string path, CancellationToken giveUp) =>
        SendAsync(HttpMethod.Get, path, giveUp: giveUp);

    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Key, string Value)[] fields) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Key, field.Value))));

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(body));

    /// <summary>Logs in with the seed's form and keeps the session cookie it sets.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string username, string password = "foo")
    {
        var response = await PostFormAsync("/login", ("uname", username), ("passwd", password));
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            Cookie = cookies.First().Split(';')[0];
        }

        return response;
    }

    /// <summary>Posts the seed's login form with extra headers, such as the ones a browser adds.</summary>
    public Task<HttpResponseMessage> PostFormWithHeadersAsync(string path, IEnumerable<(string Name, string Value)> headers, params (string Key, string Value)[] fields) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Key, field.Value))), headers: headers);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? hostOverride = null, IEnumerable<(string Name, string Value)>? headers = null, CancellationToken? giveUp = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        // Without validation, so tests can send the malformed hosts a hostile client would.
        request.Headers.TryAddWithoutValidation("Host", hostOverride ?? Host);
        if (Cookie is not null)
        {
            request.Headers.Add("Cookie", Cookie);
        }

        return await _http.SendAsync(request, giveUp ?? TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    /// <summary>A 200 whose body carries <paramref name="own"/> tenant's rows and none of <paramref name="other"/>'s.</summary>
    public static async Task AssertOnlyRowsOfAsync(HttpResponseMessage response, string own, string other)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(own, body, StringComparison.Ordinal);
        Assert.DoesNotContain(other, body, StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    private static SocketsHttpHandler Handler(IPAddress? from)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }
}

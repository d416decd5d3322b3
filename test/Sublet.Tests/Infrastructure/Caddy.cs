using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// Debian's Caddy on loopback ports in front of a server: on-demand certificates from its own local CA
/// (<c>tls internal</c>), issued only when the server's ask endpoint says yes, and every request reverse-proxied with
/// forwarded headers. Its data, config and home live in a temporary folder; its admin API is off.
/// </summary>
public sealed class Caddy : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sublet-caddy-").FullName;
    private Process? _process;

    public int HttpsPort { get; } = FreeTcpPort();

    /// <summary>The local CA's root, which signs every certificate this Caddy issues.</summary>
    public X509Certificate2 Root => X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_folder, "data", "caddy", "pki", "authorities", "local", "root.crt"));

    public async Task StartAsync(int upstreamPort, string askPath)
    {
        var caddyfile = Path.Combine(_folder, "Caddyfile");
        await File.WriteAllTextAsync(caddyfile, $$"""
            {
                admin off
                skip_install_trust
                auto_https disable_redirects
                http_port {{FreeTcpPort()}}
                https_port {{HttpsPort}}
                on_demand_tls {
                    ask http://127.0.0.1:{{upstreamPort}}{{askPath}}
                }
            }

            https:// {
                bind 127.0.0.1
                tls internal {
                    on_demand
                }
                reverse_proxy 127.0.0.1:{{upstreamPort}}
            }
            """, TestContext.Current.CancellationToken);
        var start = new ProcessStartInfo("/usr/bin/caddy") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = _folder };
        foreach (var argument in new[] { "run", "--config", caddyfile, "--adapter", "caddyfile" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = _folder;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(_folder, "data");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(_folder, "config");
        _process = Process.Start(start) ?? throw new InvalidOperationException("caddy did not start.");
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var listening = await Poll.UntilAsync(
            async () =>
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, HttpsPort, TestContext.Current.CancellationToken);
                    return File.Exists(Path.Combine(_folder, "data", "caddy", "pki", "authorities", "local", "root.crt"));
                }
                catch (SocketException)
                {
                    return _process.HasExited;
                }
            },
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(100));
        if (!listening || _process.HasExited)
        {
            throw new InvalidOperationException($"caddy did not listen on {HttpsPort}.");
        }
    }

    /// <summary>
    /// A client for <c>https://&lt;domain&gt;:&lt;port&gt;</c> that connects to Caddy on 127.0.0.1 whatever the name
    /// resolves to (as curl's <c>--resolve</c>), sends the domain as SNI and trusts only Caddy's local root.
    /// </summary>
    public HttpClient ClientFor(string domain)
    {
        var root = Root;
        var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, HttpsPort, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, sent, errors) =>
                {
                    if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    foreach (var element in sent?.ChainElements.ToList() ?? [])
                    {
                        chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                    }

                    return chain.Build(new X509Certificate2(certificate));
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{domain}:{HttpsPort}/") };
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

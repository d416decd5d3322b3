using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// Thousands of generated Host values, sent byte for byte: none gets a 5xx, a tenant answers only when the host
/// names exactly that tenant (its subdomain or its custom domain), and a host that names no tenant never costs a
/// database round trip.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed partial class HostFuzzTests(EchoTenantServerFixture server) : IClassFixture<EchoTenantServerFixture>
{
    private const int Count = 3_000;

    private static readonly string[] Prefixes = ["", "", "", "a.", "www.", "user@", "http://", " ", "\t", "company1.", "xn--80ak6aa92e."];
    private static readonly string[] Labels =
    [
        "company1", "company2", "COMPANY1", "Company2", "cOmPaNy1", "company3", "company", "company12", "www", "admin", "api",
        "xn--cmpany1-0za", "xn--", "xn--company1", "notes", "NOTES", "app", "a", "-company1", "company1-", "company_1", "compаny1", "cömpany1", "ﬀ",
        "company1\u200b", "company\u00001", "co mpany1", "", new string('a', 63), new string('b', 64), "127", "0x7f", "%63ompany1",
    ];
    private static readonly string[] Suffixes =
    [
        ".localhost", ".localhost", ".LOCALHOST", ".LocalHost", ".localhost.", ".localhost..", "..localhost", ".localhost.evil.com",
        ".evil.com", "", ".local", ".acme-corp.test", ".ACME-corp.test", ".acme-corp.test.evil.com", ".company2.example", ".company2.examplex", "localhost", ".localhost\u3002", "\uff0elocalhost", ".localhost/", ".localhost\\", ".localhost#", ".localhost?x",
    ];
    private static readonly string[] Ports =
    [
        "", "", "", ":80", ":5080", ":1", ":65535", ":080", ":00080", ":0", ":00000", ":65536", ":99999", ":123456", ":", ":abc", ":-1",
        ":8 0", ":1e3", ":80:80", ": 80", ":٨٠",
    ];
    private static readonly string[] Literals =
    [
        "", " ", "127.0.0.1", "127.0.0.1:80", "0.0.0.0", "[::1]", "[::1]:80", "[::ffff:127.0.0.1]", "[company1.localhost]", "[", "]",
        "[::1", "::1", "1.2.3.4.localhost", "company1.127.0.0.1", "localhost", "localhost.", "LOCALHOST:80", "company1.localhost@evil.com",
        "evil.com@company1.localhost", "company1.localhost/evil", "evil/company1.localhost", "company1.localhost company2.localhost",
        "company1.localhost,company2.localhost", "*.localhost", ".", "..", "company1..localhost",
    ];
    private static readonly string[] Hostile =
    [
        "\0", "\u0001", "\b", "\t", "\u000b", "\f", "\u001b", "\u001f", "\u007f", " ", "@", "/", "\\", ":", "[", "]", "%", "#", "?", ".", "-", "_", "é", "İ", "ı", "K", "ſ", "\u00a0", "\u200b", "\u2028", "\ufeff", "\uff0e", "😀",
    ];

    [Fact]
    public async Task Generated_hosts_never_5xx_reach_only_the_tenant_they_name_and_unknown_ones_never_touch_the_database()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hosts = Generate(new Random(20260));
        var namingTrace = ActivityTraceId.CreateRandom();
        var otherTrace = ActivityTraceId.CreateRandom();
        using var roundTrips = new RoundTripCounter();
        var failures = new ConcurrentBag<string>();
        var named = 0;
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (host, token) =>
        {
            var expected = TenantNamedBy(host);
            var trace = expected is null ? otherTrace : namingTrace;
            var head = $"GET /whoami HTTP/1.1\r\nHost: {host}\r\ntraceparent: 00-{trace}-{ActivitySpanId.CreateRandom()}-01\r\nConnection: close\r\n\r\n";
            var (status, text) = await RawHttp.SendAsync(server.Address, head, token);
            var answered = Answer().Match(text);
            var problem = (status, expected, answered.Success ? answered.Groups[1].Value : null, answered.Success ? answered.Groups[2].Value : null) switch
            {
                (0 or >= 500, _, _, _) => $"status {status}",
                (200, { } slug, var tenant, var schema) when tenant == slug && schema == slug => null,
                (_, { } slug, var tenant, _) => $"expected tenant {slug}, got {status} {tenant}",
                (>= 400 and < 500, null, null, _) => null,
                _ => $"named no tenant, got {status} {answered.Value}",
            };
            if (problem is not null)
            {
                failures.Add($"{Escape(host)}: {problem}");
            }
            else if (expected is not null)
            {
                Interlocked.Increment(ref named);
            }
        });

        Assert.Empty(failures.Order(StringComparer.Ordinal).Take(20));
        // Both sides must be well represented, or the assertions above would prove little.
        Assert.InRange(named, Count / 20, Count / 2);
        // The counter sees the requests that did reach a tenant, so a zero for the others is a real zero.
        Assert.True(roundTrips.For(namingTrace) >= named, $"{roundTrips.For(namingTrace)} round trips for {named} tenant requests");
        Assert.Equal(0, roundTrips.For(otherTrace));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("company1.localhost", "company1")]
    [InlineData("COMPANY2.LocalHost.:00080", "company2")]
    [InlineData(" company1.localhost\t", "company1")]
    [InlineData("company1.localhost:0", null)]
    [InlineData("company1.localhost:65536", null)]
    [InlineData("a.company1.localhost", null)]
    [InlineData("compаny1.localhost", null)]
    [InlineData("company1.localhoſt", null)]
    [InlineData("company1.localhost..", null)]
    [InlineData("Notes.Acme-Corp.TEST.:443", "company1")]
    [InlineData("app.company2.example", "company2")]
    [InlineData("a.notes.acme-corp.test", null)]
    [InlineData("notes.acme-corp.test.evil.com", null)]
    public void The_oracle_names_a_tenant_only_for_an_exact_host(string host, string? tenant) =>
        Assert.Equal(tenant, TenantNamedBy(host));

    /// <summary>
    /// What the test expects, worked out independently of the server's parser: after HTTP's optional whitespace,
    /// the ASCII name <c>company1.localhost</c> or <c>company2.localhost</c> or one of their custom domains in any
    /// case, one optional trailing dot,
    /// and an optional decimal port from 1 to 65535.
    /// </summary>
    private static string? TenantNamedBy(string host)
    {
        var value = host.Trim(' ', '\t');
        if (!Ascii.IsValid(value))
        {
            return null;
        }

        var match = ExactTenantHost().Match(value);
        if (!match.Success)
        {
            return null;
        }

        var port = match.Groups["port"];
        if (port.Success && int.Parse(port.Value, CultureInfo.InvariantCulture) is not (> 0 and <= 65535))
        {
            return null;
        }

        return match.Groups["slug"].Success
            ? match.Groups["slug"].Value.ToLowerInvariant()
            : EchoTenantServerFixture.CustomDomains[match.Groups["domain"].Value.ToLowerInvariant()];
    }

    private static List<string> Generate(Random random)
    {
        var hosts = new List<string>(Count);
        while (hosts.Count < Count)
        {
            // A third start from an exact tenant host, so that one small change often turns it into a near miss.
            var host = random.Next(10) switch
            {
                0 => Pick(random, Literals),
                < 4 => $"{(random.Next(2) == 0 ? $"company{random.Next(1, 3)}.localhost" : Pick(random, EchoTenantServerFixture.CustomDomains.Keys.ToArray()))}{(random.Next(3) == 0 ? "." : "")}{Pick(random, Ports)}",
                _ => Pick(random, Prefixes) + Pick(random, Labels) + Pick(random, Suffixes) + Pick(random, Ports),
            };
            host = random.Next(4) switch
            {
                0 => FlipCase(random, host),
                1 => host.Insert(random.Next(host.Length + 1), Pick(random, Hostile)),
                2 when random.Next(5) == 0 => string.Concat(Enumerable.Repeat("abcdefghij.", 28 + random.Next(5))) + host,
                _ => host,
            };
            hosts.Add(host);
        }

        return hosts;
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static string FlipCase(Random random, string text) =>
        string.Create(text.Length, (random, text), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[i];
                span[i] = state.random.Next(2) == 0 ? char.ToUpperInvariant(c) : c;
            }
        });

    private static string Escape(string host)
    {
        var builder = new StringBuilder();
        foreach (var rune in host.EnumerateRunes())
        {
            builder.Append(rune.Value is < 0x20 or > 0x7e ? $"\\u{rune.Value:x4}" : rune.ToString());
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\A(?:(?<slug>company[12])\.localhost|(?<domain>notes\.acme-corp\.test|app\.company2\.example))\.?(:(?<port>[0-9]{1,5}))?\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExactTenantHost();

    [GeneratedRegex(@"tenant:(\S+) schema:(\S+)")]
    private static partial Regex Answer();

    /// <summary>
    /// Counts Npgsql's command and connection activities by trace: a request's traceparent header starts the
    /// server's request activity in that trace, and any database work the request causes is its child.
    /// </summary>
    private sealed class RoundTripCounter : IDisposable
    {
        private readonly ConcurrentDictionary<ActivityTraceId, int> _counts = new();
        private readonly ActivityListener _listener;

        public RoundTripCounter()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStarted = activity =>
                {
                    if (activity.Source.Name == "Npgsql")
                    {
                        _counts.AddOrUpdate(activity.TraceId, 1, (_, count) => count + 1);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int For(ActivityTraceId trace) => _counts.GetValueOrDefault(trace);

        public void Dispose() => _listener.Dispose();
    }
}

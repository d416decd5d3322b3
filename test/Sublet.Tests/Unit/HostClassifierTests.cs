using Sublet.Hosting;

namespace Sublet.Tests.Unit;

public sealed class HostClassifierTests
{
    private static readonly HostClassifier WithPort = new(Parse("localhost:5080"));
    private static readonly HostClassifier AnyPort = new(Parse("example.com"));

    [Theory]
    [InlineData("localhost:5080", HostKind.Central, null)]
    [InlineData("LOCALHOST:5080", HostKind.Central, null)]
    [InlineData("localhost.:5080", HostKind.Central, null)]
    [InlineData("company1.localhost:5080", HostKind.Subdomain, "company1")]
    [InlineData("Company1.LocalHost.:5080", HostKind.Subdomain, "company1")]
    [InlineData("admin.localhost:5080", HostKind.Subdomain, "admin")]
    [InlineData("company1.localhost:5081", HostKind.Foreign, null)]
    [InlineData("company1.localhost", HostKind.Foreign, null)]
    [InlineData("a.company1.localhost:5080", HostKind.Foreign, null)]
    [InlineData("company1.localhostx:5080", HostKind.Foreign, null)]
    [InlineData("xlocalhost:5080", HostKind.Foreign, null)]
    [InlineData("127.0.0.1:5080", HostKind.Foreign, null)]
    [InlineData("[::1]:5080", HostKind.Foreign, null)]
    [InlineData("", HostKind.Malformed, null)]
    [InlineData(null, HostKind.Malformed, null)]
    [InlineData("company1..localhost:5080", HostKind.Malformed, null)]
    [InlineData(".localhost:5080", HostKind.Malformed, null)]
    [InlineData("company1.localhost..:5080", HostKind.Malformed, null)]
    [InlineData("bad_host.localhost:5080", HostKind.Malformed, null)]
    [InlineData("-a.localhost:5080", HostKind.Malformed, null)]
    [InlineData("a-.localhost:5080", HostKind.Malformed, null)]
    [InlineData("company1.localhost:", HostKind.Malformed, null)]
    [InlineData("company1.localhost:0", HostKind.Malformed, null)]
    [InlineData("company1.localhost:65536", HostKind.Malformed, null)]
    [InlineData("company1.localhost:80:80", HostKind.Malformed, null)]
    [InlineData("compañía.localhost:5080", HostKind.Malformed, null)]
    [InlineData("company1.localhost\r\n:5080", HostKind.Malformed, null)]
    [InlineData("company 1.localhost:5080", HostKind.Malformed, null)]
    [InlineData("[::1", HostKind.Malformed, null)]
    public void Hosts_are_classified_against_a_server_name_with_a_port(string? host, HostKind kind, string? subdomain)
    {
        Assert.Equal((kind, subdomain), WithPort.Classify(host));
    }

    [Theory]
    [InlineData("example.com", HostKind.Central, null)]
    [InlineData("example.com:8443", HostKind.Central, null)]
    [InlineData("acme.example.com:1234", HostKind.Subdomain, "acme")]
    [InlineData("xn--80ak6aa92e.example.com", HostKind.Subdomain, "xn--80ak6aa92e")]
    [InlineData("example.org", HostKind.Foreign, null)]
    public void Without_a_port_in_the_server_name_any_port_matches(string host, HostKind kind, string? subdomain)
    {
        Assert.Equal((kind, subdomain), AnyPort.Classify(host));
    }

    [Fact]
    public void Overlong_labels_and_hosts_are_malformed()
    {
        Assert.Equal(HostKind.Malformed, AnyPort.Classify(new string('a', 64) + ".example.com").Kind);
        Assert.Equal(HostKind.Subdomain, AnyPort.Classify(new string('a', 63) + ".example.com").Kind);
        var tooLong = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".example.com";
        Assert.Equal(HostKind.Malformed, AnyPort.Classify(tooLong).Kind);
    }

    [Theory]
    [InlineData("localhost:5080", "localhost", 5080)]
    [InlineData("Example.COM.", "example.com", null)]
    public void Server_names_parse_to_lowercase_host_and_optional_port(string text, string host, int? port)
    {
        Assert.True(ServerName.TryParse(text, out var serverName));
        Assert.Equal(new ServerName(host, port), serverName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://localhost")]
    [InlineData("localhost:")]
    [InlineData("localhost:70000")]
    [InlineData("127.0.0.1")]
    [InlineData("under_score.com")]
    public void Bad_server_names_are_refused(string text)
    {
        Assert.False(ServerName.TryParse(text, out _));
    }

    private static ServerName Parse(string text) => ServerName.TryParse(text, out var name) ? name : throw new ArgumentException(text);
}

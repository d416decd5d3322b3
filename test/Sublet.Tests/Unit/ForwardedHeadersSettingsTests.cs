using System.Net;
using Sublet.Hosting;
using Sublet.Core;

namespace Sublet.Tests.Unit;

public sealed class ForwardedHeadersSettingsTests
{
    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::5", true)]
    [InlineData("127.1", false)]
    [InlineData("010.0.0.5", false)]
    [InlineData("10.0.0.0/24", false)]
    [InlineData("proxy.internal", false)]
    [InlineData("", false)]
    public void A_known_proxy_must_be_an_ip_address(string proxy, bool valid)
    {
        var options = new ForwardedHeadersSettings { KnownProxies = [proxy] };
        Assert.Equal(valid, new SubletOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("fd00::/8", true)]
    [InlineData("10.0.0.0", false)]
    [InlineData("10.0.0.1/24", false)]
    [InlineData("10.0.0.0/33", false)]
    public void A_known_network_must_be_in_cidr_notation(string network, bool valid)
    {
        var options = new ForwardedHeadersSettings { KnownNetworks = [network] };
        Assert.Equal(valid, new SubletOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void No_proxy_is_trusted_by_default()
    {
        Assert.Null(TrustedProxies.Options(new ForwardedHeadersSettings()));
    }

    [Fact]
    public void Only_the_listed_proxies_are_trusted_not_loopback()
    {
        var options = TrustedProxies.Options(new ForwardedHeadersSettings { KnownProxies = ["10.0.0.5"], KnownNetworks = ["fd00::/8"] });

        Assert.NotNull(options);
        Assert.Equal([IPAddress.Parse("10.0.0.5")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("fd00::/8")], options.KnownIPNetworks);
    }
}

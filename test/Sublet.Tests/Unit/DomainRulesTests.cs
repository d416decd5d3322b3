using Microsoft.Extensions.Options;
using Sublet.Core;
using Sublet.Domains;

namespace Sublet.Tests.Unit;

public sealed class DomainRulesTests
{
    private static readonly DomainRules Rules = new(Options.Create(new SubletOptions { ServerName = "example.com:8443" }));

    [Theory]
    [InlineData("app.acme-corp.com", "app.acme-corp.com")]
    [InlineData(" APP.Acme-Corp.COM. ", "app.acme-corp.com")]
    [InlineData("bücher.example.org", "xn--bcher-kva.example.org")]
    [InlineData("XN--BCHER-KVA.example.org", "xn--bcher-kva.example.org")]
    [InlineData("notes.acme-corp.test", "notes.acme-corp.test")]
    [InlineData("a1.b2", "a1.b2")]
    public void A_domain_is_stored_lower_case_in_punycode_without_its_trailing_dot(string input, string stored) =>
        Assert.Equal(stored, Rules.Validate(input));

    [Theory]
    [InlineData("", DomainError.InvalidDomain)]
    [InlineData("acme", DomainError.InvalidDomain)]
    [InlineData("10.0.0.1", DomainError.InvalidDomain)]
    [InlineData("1.2.3.4.", DomainError.InvalidDomain)]
    [InlineData("[::1]", DomainError.InvalidDomain)]
    [InlineData("::1", DomainError.InvalidDomain)]
    [InlineData("app.acme.com:443", DomainError.InvalidDomain)]
    [InlineData("app..acme.com", DomainError.InvalidDomain)]
    [InlineData("-app.acme.com", DomainError.InvalidDomain)]
    [InlineData("under_score.acme.com", DomainError.InvalidDomain)]
    [InlineData("user@acme.com", DomainError.InvalidDomain)]
    [InlineData("acme.com/path", DomainError.InvalidDomain)]
    [InlineData("ex ample.com", DomainError.InvalidDomain)]
    [InlineData("example.com", DomainError.ReservedDomain)]
    [InlineData("acme.example.com", DomainError.ReservedDomain)]
    [InlineData("a.b.EXAMPLE.com.", DomainError.ReservedDomain)]
    [InlineData("localhost", DomainError.InvalidDomain)]
    [InlineData("app.localhost", DomainError.ReservedDomain)]
    [InlineData("printer.local", DomainError.ReservedDomain)]
    [InlineData("x.invalid", DomainError.ReservedDomain)]
    [InlineData("1.0.0.127.in-addr.arpa", DomainError.ReservedDomain)]
    [InlineData("hidden.onion", DomainError.ReservedDomain)]
    public void A_name_that_can_never_be_a_tenants_own_is_refused(string input, DomainError error) =>
        Assert.Equal(error, Assert.Throws<DomainException>(() => Rules.Validate(input)).Error);
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using Sublet.Passwords;
using Sublet.Core;

namespace Sublet.Tests.Unit;

/// <summary>Hashes made by the real passlib 1.7.4 and Django 3.2, kept in TestData.</summary>
public sealed class PasswordHasherTests
{
    private static readonly Pbkdf2PasswordHasher Hasher = new(Options.Create(new PasswordOptions { Iterations = 29_000 }));

    public static TheoryData<string, string> Passlib => Vectors("passlib_pbkdf2_sha256");

    public static TheoryData<string, string> Django => Vectors("django_pbkdf2_sha256");

    [Theory]
    [MemberData(nameof(Passlib))]
    public void Passlib_hashes_verify_with_their_password_only(string password, string hash)
    {
        Assert.NotEqual(PasswordVerification.Failed, Hasher.Verify(password, hash));
        Assert.Equal(PasswordVerification.Failed, Hasher.Verify(password + "x", hash));
        Assert.Equal(PasswordVerification.Failed, Hasher.Verify(password.ToUpperInvariant() + "X", hash));
    }

    [Theory]
    [MemberData(nameof(Django))]
    public void Django_hashes_verify_with_their_password_only(string password, string hash)
    {
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, Hasher.Verify(password, hash));
        Assert.Equal(PasswordVerification.Failed, Hasher.Verify(password + "x", hash));
    }

    [Fact]
    public void The_seeds_hash_of_foo_verifies()
    {
        Assert.Equal(PasswordVerification.Success, Hasher.Verify("foo", "$pbkdf2-sha256$29000$5ry31vofg7CWkhJCSClFKA$i01NZ9cAJCAYlXQCY2AXmcmJfe8eD5vZMDOy0h8tH2U"));
    }

    [Fact]
    public void Weaker_hashes_ask_for_a_rehash()
    {
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, Hasher.Verify("foo", "$pbkdf2-sha256$1$$zQfo.CGz8wX0V1m6mFSU8R7VmIUW0yR7Zn6lAfgZ4Zo"));
    }

    [Fact]
    public void New_hashes_use_passlibs_format_with_the_configured_rounds_and_a_fresh_salt()
    {
        var first = Hasher.Hash("pässwörd");
        var second = Hasher.Hash("pässwörd");

        Assert.StartsWith("$pbkdf2-sha256$29000$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal(PasswordVerification.Success, Hasher.Verify("pässwörd", first));
        Assert.Equal(PasswordVerification.Failed, Hasher.Verify("passwörd", first));
    }

    [Fact]
    public void The_default_round_count_follows_owasp()
    {
        Assert.True(new PasswordOptions().Iterations >= 600_000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plaintext")]
    [InlineData("$pbkdf2-sha256$")]
    [InlineData("$pbkdf2-sha256$0$abc$zQfo.CGz8wX0V1m6mFSU8R7VmIUW0yR7Zn6lAfgZ4Zo")]
    [InlineData("$pbkdf2-sha256$-5$abc$zQfo.CGz8wX0V1m6mFSU8R7VmIUW0yR7Zn6lAfgZ4Zo")]
    [InlineData("$pbkdf2-sha256$1$$short")]
    [InlineData("$pbkdf2-sha256$1$$zQfo.CGz8wX0V1m6mFSU8R7VmIUW0yR7Zn6lAfgZ4Zo$extra")]
    [InlineData("$pbkdf2-sha256$99999999999$$zQfo.CGz8wX0V1m6mFSU8R7VmIUW0yR7Zn6lAfgZ4Zo")]
    [InlineData("pbkdf2_sha256$1$$UBZcMMRRWca7jZkJjTeH05wsjt86+sAJeSqkI2ji73Y=")]
    [InlineData("pbkdf2_sha256$1$abcdefghijkl$not-base64")]
    [InlineData("$pbkdf2-sha512$1$$zQfo.CGz8wX0V1m6mFSU8R7VmIUW0yR7Zn6lAfgZ4Zo")]
    public void Malformed_hashes_fail_without_throwing(string hash)
    {
        Assert.Equal(PasswordVerification.Failed, Hasher.Verify("foo", hash));
    }

    private static TheoryData<string, string> Vectors(string format)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "password-hashes.json")));
        var data = new TheoryData<string, string>();
        foreach (var vector in document.RootElement.GetProperty(format).EnumerateArray())
        {
            data.Add(vector.GetProperty("password").GetString()!, vector.GetProperty("hash").GetString()!);
        }

        return data;
    }
}

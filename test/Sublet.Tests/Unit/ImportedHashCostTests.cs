using System.Text.Json;
using Microsoft.Extensions.Options;
using Sublet.Passwords;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Unit;

/// <summary>
/// Timing must not tell which imported users exist: every check computes the configured rounds, counted as the real
/// hasher computes them, on the hashes passlib 1.7.4 and Django 3.2 made (TestData).
/// </summary>
public sealed class ImportedHashCostTests
{
    private const int Iterations = 40_000;

    public static TheoryData<string, string> Vectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "password-hashes.json")));
        var data = new TheoryData<string, string>();
        foreach (var format in new[] { "passlib_pbkdf2_sha256", "django_pbkdf2_sha256" })
        {
            foreach (var vector in document.RootElement.GetProperty(format).EnumerateArray())
            {
                data.Add(vector.GetProperty("password").GetString()!, vector.GetProperty("hash").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void An_imported_user_costs_what_an_unknown_user_costs_and_still_logs_in(string password, string hash)
    {
        var hashes = new ImportedPasswordHashes(Settings());
        var stored = hashes.Prepare(hash);
        var counted = new RoundCounter();
        var hasher = counted.Hasher(Settings());

        var unknown = counted.Rounds(() => hasher.VerifyNothing(password));
        var right = counted.Rounds(() => Assert.Equal(PasswordVerification.SuccessRehashNeeded, hasher.Verify(password, stored)));
        var wrong = counted.Rounds(() => Assert.Equal(PasswordVerification.Failed, hasher.Verify(password + "x", stored)));

        Assert.Equal(Iterations, unknown);
        var rounds = Rounds(hash);
        if (rounds < Iterations)
        {
            Assert.StartsWith(WrappedFormat.Prefix, stored, StringComparison.Ordinal);
            Assert.False(hashes.CostsMoreThanConfigured(hash));
            Assert.Equal(unknown, right);
            Assert.Equal(unknown, wrong);
        }
        else
        {
            // The documented limit: more rounds than configured cannot be made cheaper without the password.
            Assert.Equal(hash, stored);
            Assert.True(hashes.CostsMoreThanConfigured(hash));
            Assert.Equal(rounds, right);
            Assert.Equal(rounds, wrong);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_weaker_hash_stored_before_the_wrapping_is_made_up_to_the_configured_rounds(string password, string hash)
    {
        var counted = new RoundCounter();
        var hasher = counted.Hasher(Settings());

        var wrong = counted.Rounds(() => Assert.Equal(PasswordVerification.Failed, hasher.Verify(password + "x", hash)));
        var right = counted.Rounds(() => Assert.NotEqual(PasswordVerification.Failed, hasher.Verify(password, hash)));

        Assert.Equal(Math.Max(Iterations, Rounds(hash)), wrong);
        Assert.Equal(wrong, right);
    }

    [Fact]
    public void A_wrapped_hash_is_upgraded_to_a_plain_one_and_a_plain_one_at_the_configured_rounds_is_kept()
    {
        var hasher = new Pbkdf2PasswordHasher(Settings());
        var stored = new ImportedPasswordHashes(Settings()).Prepare("$pbkdf2-sha256$29000$pFQKAUCoFeKc0zrnPGdMKQ$TSoJcm9ZuL9Ab5e4UwcrkVSzwv9iqHlfoYlwF1JjCcc");

        Assert.Equal(PasswordVerification.SuccessRehashNeeded, hasher.Verify("pässwörd", stored));
        var plain = hasher.Hash("pässwörd");
        Assert.StartsWith($"$pbkdf2-sha256${Iterations}$", plain, StringComparison.Ordinal);
        Assert.Equal(PasswordVerification.Success, hasher.Verify("pässwörd", plain));
        Assert.Equal(plain, new ImportedPasswordHashes(Settings()).Prepare(plain));
    }

    [Fact]
    public void A_hash_over_the_cap_is_refused_without_being_computed_and_logged_once()
    {
        const string django260k = "pbkdf2_sha256$260000$abcdefghijkl$5UL9tXaAmSNi0xpv5LLOzBw8HvyPQgEeta3JQucnAAY=";
        var log = new CapturedLog();
        var counted = new RoundCounter();
        var hasher = counted.Hasher(Settings(maxIterations: 200_000), log.CreateLogger("passwords"));

        var first = counted.Rounds(() => Assert.Equal(PasswordVerification.Failed, hasher.Verify("pässwörd", django260k)));
        var second = counted.Rounds(() => Assert.Equal(PasswordVerification.Failed, hasher.Verify("pässwörd", django260k)));

        // Only the decoy's rounds: the right password is refused because the 260,000 rounds are never computed.
        Assert.Equal(Iterations, first);
        Assert.Equal(Iterations, second);
        var entry = Assert.Single(log.Entries);
        Assert.Contains("260000 PBKDF2 rounds, more than Sublet:Passwords:MaxIterations (200000)", entry, StringComparison.Ordinal);
        Assert.False(new ImportedPasswordHashes(Settings(maxIterations: 200_000)).TryCheck(django260k, out var problem));
        Assert.Equal("demands 260,000 rounds, more than Sublet:Passwords:MaxIterations (200,000)", problem);
    }

    [Theory]
    [InlineData(600_000, 0, 2_400_000)]
    [InlineData(2_000, 0, 1_000_000)]
    [InlineData(600_000, 700_000, 700_000)]
    public void The_cap_defaults_to_four_times_the_rounds_and_at_least_a_million(int iterations, int configured, int effective)
    {
        Assert.Equal(effective, new PasswordOptions { Iterations = iterations, MaxIterations = configured }.EffectiveMaxIterations);
    }

    private static IOptions<PasswordOptions> Settings(int maxIterations = 0) =>
        Options.Create(new PasswordOptions { Iterations = Iterations, MaxIterations = maxIterations });

    private static long Rounds(string hash) => StoredHash.TryParse(hash, out var parsed) ? parsed!.Rounds : throw new ArgumentException(hash);
}

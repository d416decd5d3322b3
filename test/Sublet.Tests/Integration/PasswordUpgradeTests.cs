using System.Net;

namespace Sublet.Tests.Integration;

public sealed class PasswordUpgradeTests(StrongHashServerFixture server) : IClassFixture<StrongHashServerFixture>
{
    [Fact]
    public async Task A_login_with_a_weaker_hash_rehashes_it_in_place()
    {
        Assert.StartsWith("$pbkdf2-sha256$29000$", await StoredHashAsync(), StringComparison.Ordinal);
        using var company1 = server.Client("company1.localhost");

        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);

        Assert.StartsWith($"$pbkdf2-sha256${StrongHashServerFixture.Iterations}$", await StoredHashAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await company1.LoginAsync("user_1", "bar")).StatusCode);
    }

    private async Task<string> StoredHashAsync()
    {
        await using var command = server.DataSource.CreateCommand("SELECT password FROM company1.app_user WHERE username = 'user_1'");
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

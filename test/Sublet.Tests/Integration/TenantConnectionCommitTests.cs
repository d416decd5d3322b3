using Microsoft.Extensions.DependencyInjection;
using Sublet.Core;
using Sublet.Data;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>One rule for writes: OpenAsync's connection keeps them on CommitAsync and says so when it discards them.</summary>
public sealed class TenantConnectionCommitTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly CapturedLog _log = new();
    private SubletHost? _host;
    private Tenant? _tenant;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ITenantDatabase Database => _host!.Services.GetRequiredService<ITenantDatabase>();

    public async ValueTask InitializeAsync()
    {
        _host = await SubletHost.StartAsync(await cluster.CreateDatabaseAsync(Token), _log, Token);
        _tenant = await _host.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("acme", cancellationToken: Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Writes_disposed_without_a_commit_are_rolled_back_with_a_warning_naming_the_tenant()
    {
        await using (var connection = await Database.OpenAsync(_tenant!, Token))
        {
            await using var insert = connection.CreateCommand("INSERT INTO company_data (description) VALUES ('forgotten')");
            await insert.ExecuteNonQueryAsync(Token);
        }

        Assert.Equal(0, await CountAsync("forgotten"));
        var warning = Assert.Single(ConnectionWarnings);
        Assert.StartsWith("Warning Sublet.Data.TenantConnection: A connection of tenant acme was disposed without CommitAsync: its writes were rolled back", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Committed_writes_last_and_reads_or_a_deliberate_rollback_warn_of_nothing()
    {
        await using (var connection = await Database.OpenAsync(_tenant!, Token))
        {
            await using var insert = connection.CreateCommand("INSERT INTO company_data (description) VALUES ('kept')");
            await insert.ExecuteNonQueryAsync(Token);
            await connection.CommitAsync(Token);
        }

        await using (var connection = await Database.OpenAsync(_tenant!, Token))
        {
            await using var read = connection.CreateCommand("SELECT count(*) FROM company_data");
            await read.ExecuteScalarAsync(Token);
        }

        await using (var connection = await Database.OpenAsync(_tenant!, Token))
        {
            await using var insert = connection.CreateCommand("INSERT INTO company_data (description) VALUES ('discarded')");
            await insert.ExecuteNonQueryAsync(Token);
            await connection.RollbackAsync(Token);
        }

        Assert.Equal(1, await CountAsync("kept"));
        Assert.Equal(0, await CountAsync("discarded"));
        Assert.Empty(ConnectionWarnings);
    }

    [Fact]
    public async Task A_write_through_ExecuteReaderAsync_commits_by_itself()
    {
        await using (var reader = await Database.ExecuteReaderAsync(_tenant!, "INSERT INTO company_data (description) VALUES ('one statement') RETURNING id", cancellationToken: Token))
        {
            await reader.ReadAsync(Token);
        }

        Assert.Equal(1, await CountAsync("one statement"));
    }

    private IEnumerable<string> ConnectionWarnings =>
        _log.Entries.Where(entry => entry.StartsWith("Warning Sublet.Data.TenantConnection:", StringComparison.Ordinal));

    private Task<long> CountAsync(string description) =>
        Infrastructure.Database.CountAsync(_host!.DataSource, "SELECT count(*) FROM acme.company_data WHERE description = $1", description);
}

using Npgsql;
using Sublet.Embedded;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

public sealed class EmbeddedClusterSettingsTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData(256L * 1024 * 1024, 128)]
    [InlineData(2L * 1024 * 1024 * 1024, 512)]
    [InlineData(24L * 1024 * 1024 * 1024, 1024)]
    public void Shared_buffers_are_a_quarter_of_memory_within_bounds(long memoryBytes, long expectedMegabytes) =>
        Assert.Equal(expectedMegabytes, EmbeddedPostgres.SharedBuffersMegabytes(memoryBytes));

    [Fact]
    public async Task The_cluster_runs_with_the_shared_buffers_it_was_given()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(cluster.Cluster.ConnectionStringFor("postgres"));
        await using var command = dataSource.CreateCommand("SELECT setting::bigint * 8 / 1024 FROM pg_settings WHERE name = 'shared_buffers'");
        var megabytes = (long)(await command.ExecuteScalarAsync(cancellationToken))!;

        Assert.Equal(EmbeddedPostgres.SharedBuffersMegabytes(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes), megabytes);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Data;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.EntityFramework;

/// <summary>The app's data-source configuration reaches the pools tenant connections come from.</summary>
public sealed class DataSourceHookTests(PostgresCluster cluster)
{
    [Fact]
    public async Task An_enum_mapped_with_ConfigureDataSource_travels_through_a_tenant_connection()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connectionString = await cluster.CreateDatabaseAsync(cancellationToken);
        await using (var setup = NpgsqlDataSource.Create(connectionString))
        {
            await Database.ExecuteAsync(setup, "CREATE TYPE public.mood AS ENUM ('happy', 'sad')");
        }

        await using (var mapped = await EfHost.StartAsync<NotesDb>(connectionString, sublet => sublet.ConfigureDataSource(data => data.MapEnum<Mood>("public.mood")), cancellationToken))
        {
            var tenant = await mapped.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("moody", cancellationToken: cancellationToken);
            await using var connection = await mapped.Services.GetRequiredService<ITenantDatabase>().OpenAsync(tenant, cancellationToken);
            await using (var create = connection.CreateCommand("CREATE TABLE feelings (mood public.mood NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var store = connection.CreateCommand("INSERT INTO feelings VALUES ($1)"))
            {
                store.Parameters.Add(new NpgsqlParameter { Value = Mood.Sad });
                await store.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var read = connection.CreateCommand("SELECT mood FROM feelings"))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                Assert.True(await reader.ReadAsync(cancellationToken));
                Assert.Equal(Mood.Sad, reader.GetFieldValue<Mood>(0));
            }

            await connection.CommitAsync(cancellationToken);
        }

        // The same app without the hook cannot send the enum: the mapping above came from it.
        await using var unmapped = await EfHost.StartAsync<NotesDb>(connectionString, cancellationToken: cancellationToken);
        await unmapped.ReloadCatalogAsync();
        var database = unmapped.Services.GetRequiredService<ITenantDatabase>();
        var moody = unmapped.Services.GetRequiredService<Sublet.Tenancy.ITenantCatalog>().TryGetTenant("moody", out var found) ? found : throw new InvalidOperationException("moody");
        await using var plain = await database.OpenAsync(moody, cancellationToken);
        await using var insert = plain.CreateCommand("INSERT INTO feelings VALUES ($1)");
        insert.Parameters.Add(new NpgsqlParameter { Value = Mood.Happy });
        await Assert.ThrowsAnyAsync<Exception>(() => insert.ExecuteNonQueryAsync(cancellationToken));
    }
}

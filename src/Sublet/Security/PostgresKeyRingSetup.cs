using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Sublet.Security;

/// <summary>Points Data Protection's key manager at the database.</summary>
internal sealed class PostgresKeyRingSetup(NpgsqlDataSource dataSource) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options) => options.XmlRepository = new PostgresXmlRepository(dataSource);
}

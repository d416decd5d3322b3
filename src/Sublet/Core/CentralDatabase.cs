using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sublet.Embedded;

namespace Sublet.Core;

/// <summary>Where Sublet's database is: <c>ConnectionStrings:Sublet</c>, or else the embedded cluster, with bounded timeouts unless it sets its own.</summary>
internal sealed class CentralDatabase
{
    public const string ConnectionStringName = "Sublet";

    public CentralDatabase(IConfiguration configuration, IHostEnvironment environment, IOptions<EmbeddedPostgresOptions> options)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = ConnectionDefaults.Apply(configured);
            return;
        }

        var embeddedOptions = options.Value;
        var dataDirectory = string.IsNullOrWhiteSpace(embeddedOptions.DataDirectory)
            ? EmbeddedPostgresOptions.DefaultDataDirectory
            : Path.Combine(environment.ContentRootPath, embeddedOptions.DataDirectory);
        Embedded = new EmbeddedPostgres(dataDirectory, embeddedOptions);
        ConnectionString = ConnectionDefaults.Apply(Embedded.ConnectionString);
    }

    public string ConnectionString { get; }

    /// <summary>The embedded cluster, when no connection string was configured.</summary>
    public EmbeddedPostgres? Embedded { get; }
}

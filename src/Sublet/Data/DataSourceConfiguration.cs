using Npgsql;

namespace Sublet.Data;

/// <summary>An app's change to every data source Sublet builds (<c>SubletBuilder.ConfigureDataSource</c>).</summary>
/// <param name="Configure">Applied to each builder before it builds.</param>
internal sealed record DataSourceConfiguration(Action<NpgsqlDataSourceBuilder> Configure);

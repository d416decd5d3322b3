namespace Sublet.Users;

/// <summary>The default store's statements, built once from names the validator has already accepted.</summary>
internal sealed class TenantUserSql
{
    public TenantUserSql(TenantUserOptions options)
    {
        var (table, user, password) = (Quote(options.Table), Quote(options.UsernameColumn), Quote(options.PasswordColumn));
        Find = $"SELECT {password} FROM {table} WHERE {user} = $1";
        Add = $"INSERT INTO {table} ({user}, {password}) VALUES ($1, $2) ON CONFLICT ({user}) DO NOTHING";
        SetPassword = $"UPDATE {table} SET {password} = $2 WHERE {user} = $1";
        Remove = $"DELETE FROM {table} WHERE {user} = $1";
        List = $"SELECT {user} FROM {table} ORDER BY {user}";
        Insert = $"INSERT INTO {table} ({user}, {password}) VALUES ($1, $2) ON CONFLICT ({user}) DO NOTHING RETURNING true";
        Upsert = $"INSERT INTO {table} ({user}, {password}) VALUES ($1, $2) ON CONFLICT ({user}) DO UPDATE SET {password} = EXCLUDED.{password} RETURNING xmax = 0";
    }

    public string Find { get; }

    public string Add { get; }

    public string SetPassword { get; }

    public string Remove { get; }

    public string List { get; }

    public string Insert { get; }

    public string Upsert { get; }

    // The validator allows [a-z0-9_] only, so the name cannot hold a quote; quoting keeps reserved words usable.
    private static string Quote(string identifier) => $"\"{identifier}\"";
}

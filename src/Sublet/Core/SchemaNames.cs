namespace Sublet.Core;

/// <summary>Derives a tenant's schema name from its slug.</summary>
public static class SchemaNames
{
    /// <summary>
    /// <c>-</c> becomes <c>_</c> so the name needs no quoting in hand-written SQL; a <c>pg_</c> prefix, which
    /// PostgreSQL reserves for system schemas, gets a <c>t_</c> in front.
    /// </summary>
    public static string FromSlug(TenantSlug slug)
    {
        var name = slug.Value.Replace('-', '_');
        return name.StartsWith("pg_", StringComparison.Ordinal) ? "t_" + name : name;
    }
}

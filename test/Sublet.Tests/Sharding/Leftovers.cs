namespace Sublet.Tests.Sharding;

/// <summary>
/// Counts of what a move makes, in the queried database only: slots and subscriptions are cluster-wide, and other
/// test classes move tenants in their own databases of the same clusters at the same time.
/// </summary>
internal static class Leftovers
{
    public const string Slots = "SELECT count(*) FROM pg_replication_slots WHERE database = current_database()";

    public const string Subscriptions = "SELECT count(*) FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())";

    public const string Publications = "SELECT count(*) FROM pg_publication";
}

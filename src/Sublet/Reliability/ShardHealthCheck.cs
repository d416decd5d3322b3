using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Reliability;

/// <summary>
/// Reaches every shard and looks for replication slots moves left behind. An unreachable shard or a leftover slot
/// makes Sublet <see cref="HealthStatus.Degraded"/>, never unready: one dead shard must not take the tenants of the
/// others out of rotation (its own tenants get 503 with <c>Retry-After</c>). A shard found unreachable has its
/// idle pooled connections dropped, so its first requests once it is back get fresh ones.
/// </summary>
internal sealed class ShardHealthCheck(ShardDataSources shards) : IHealthCheck
{
    public const string Name = "sublet-shards";

    /// <summary>Each shard's own bound, below the check's, so one hung shard is reported as such.</summary>
    private static readonly TimeSpan PerShard = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var names = shards.Names.ToList();
        var results = await Task.WhenAll(names.Select(name => CheckAsync(name, cancellationToken)));
        var problems = results.Where(problem => problem is not null).ToList();
        return problems.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(
                string.Join("; ", problems),
                data: names.Zip(results).Where(pair => pair.Second is not null).ToDictionary(pair => pair.First, pair => (object)pair.Second!));
    }

    private async Task<string?> CheckAsync(string shard, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(PerShard);
        try
        {
            var slots = await InactiveMoveSlots.ReadAsync(shards.For(shard), bounded.Token);
            return slots.Count == 0
                ? null
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"shard {shard} has {slots.Count} inactive replication slots left by moves, holding {slots.RetainedWalBytes} bytes of WAL");
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or InvalidOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            if (DatabaseOutage.Classify(exception) == DatabaseFailure.ConnectionLost)
            {
                shards.Clear(shard);
            }

            return $"shard {shard} is unreachable: {exception.Message}";
        }
    }
}

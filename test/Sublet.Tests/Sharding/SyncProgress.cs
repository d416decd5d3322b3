using Sublet.Core;

namespace Sublet.Tests.Sharding;

/// <summary>Runs the callback on the reporting thread, at the moment the step starts: the move waits for it.</summary>
internal sealed class SyncProgress(Action<TenantMoveStep> report) : IProgress<TenantMoveStep>
{
    public void Report(TenantMoveStep value) => report(value);
}

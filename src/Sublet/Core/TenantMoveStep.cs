namespace Sublet.Core;

/// <summary>The steps of a tenant move, in order, as reported to a progress callback.</summary>
public enum TenantMoveStep
{
    /// <summary>The schema's definition (tables, indexes, sequences) is created on the target.</summary>
    CopyingDefinition,

    /// <summary>A publication on the source and a subscription on the target copy the rows.</summary>
    CopyingRows,

    /// <summary>
    /// Replication cannot start until the transactions open on the source server end (a replication slot begins at
    /// a moment when none that started earlier still runs); reported while the move waits for them.
    /// </summary>
    WaitingForTransactions,

    /// <summary>Changes made since the copy began are being applied on the target.</summary>
    CatchingUp,

    /// <summary>The tenant's writes are held while the last changes, sequences and row counts are checked.</summary>
    Fenced,

    /// <summary>A transaction kept the tenant's tables past the lock wait: writes were let go, and the switch is tried again shortly.</summary>
    FenceDeferred,

    /// <summary>The catalog names the target: every server now routes the tenant there.</summary>
    Switched,
}

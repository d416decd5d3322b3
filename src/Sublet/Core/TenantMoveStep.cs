namespace Sublet.Core;

/// <summary>The steps of a tenant move, in order, as reported to a progress callback.</summary>
public enum TenantMoveStep
{
    /// <summary>The schema's definition (tables, indexes, sequences) is created on the target.</summary>
    CopyingDefinition,

    /// <summary>A publication on the source and a subscription on the target copy the rows.</summary>
    CopyingRows,

    /// <summary>Changes made since the copy began are being applied on the target.</summary>
    CatchingUp,

    /// <summary>The tenant's writes are held while the last changes, sequences and row counts are checked.</summary>
    Fenced,

    /// <summary>The catalog names the target: every server now routes the tenant there.</summary>
    Switched,
}

namespace Orchestrator.Persistence.Store;

/// <summary>What a <see cref="RowChange"/> does.</summary>
internal enum RowOp
{
    /// <summary>A new row.</summary>
    Insert,

    /// <summary>Every column of an existing row.</summary>
    Update,

    /// <summary>Some columns of an existing row.</summary>
    Patch,

    /// <summary>The row goes away.</summary>
    Delete,
}

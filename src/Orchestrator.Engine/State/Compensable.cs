using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.State;

/// <summary>A completed activity that compensation may undo (see <see cref="ProcessInstance.Compensable"/>).</summary>
/// <param name="ElementInstanceKey">The element instance that completed.</param>
/// <param name="Node">The activity.</param>
/// <param name="ScopeKey">The element instance of the scope it completed in (a completed subprocess's key for what ran inside it).</param>
/// <param name="IsMultiInstanceBody">True for the body of a multi-instance activity (undone once, or through its inner instances).</param>
public sealed record Compensable(long ElementInstanceKey, FlowNode Node, long ScopeKey, bool IsMultiInstanceBody);

namespace Orchestrator.Engine.Model;

/// <summary>A sequence flow between two flow nodes of one scope.</summary>
public sealed class SequenceFlow
{
    internal SequenceFlow(string id, FlowNode source, FlowNode target, ModelExpression? condition)
    {
        Id = id;
        Source = source;
        Target = target;
        Condition = condition;
    }

    /// <summary>The element id.</summary>
    public string Id { get; }

    /// <summary>Where it comes from.</summary>
    public FlowNode Source { get; }

    /// <summary>Where it goes.</summary>
    public FlowNode Target { get; }

    /// <summary>The FEEL condition, when the flow leaves a gateway and has one.</summary>
    public ModelExpression? Condition { get; }

    /// <summary>Its position among the target's incoming flows (parallel and inclusive joins count by it).</summary>
    public int TargetIndex { get; internal set; }
}

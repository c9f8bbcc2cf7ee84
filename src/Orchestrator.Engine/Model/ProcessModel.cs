namespace Orchestrator.Engine.Model;

/// <summary>An executable process: the validated graph of one <c>bpmn:process</c>, with lookups by element id.</summary>
public sealed class ProcessModel
{
    private readonly Dictionary<string, FlowNode> _elements;

    internal ProcessModel(string bpmnProcessId, string? name, FlowNode root, Dictionary<string, FlowNode> elements)
    {
        BpmnProcessId = bpmnProcessId;
        Name = name;
        Root = root;
        _elements = elements;
        StartEvents = root.Children.Where(c => c.Kind == ElementKind.StartEvent).ToList();
    }

    /// <summary>The process id (<c>bpmn:process id</c>).</summary>
    public string BpmnProcessId { get; }

    /// <summary>The process name, if any.</summary>
    public string? Name { get; }

    /// <summary>The process scope.</summary>
    public FlowNode Root { get; }

    /// <summary>The top-level start events (none, message, timer, signal).</summary>
    public IReadOnlyList<FlowNode> StartEvents { get; }

    /// <summary>What the process shows its customers, when it declares <c>tracking.caseType</c>; else null.</summary>
    public Tracking.CaseTracking? Tracking { get; internal init; }

    /// <summary>Every flow node by id.</summary>
    public IReadOnlyDictionary<string, FlowNode> Elements => _elements;

    /// <summary>The flow node with that id.</summary>
    public FlowNode this[string id] => _elements[id];
}

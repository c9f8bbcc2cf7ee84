namespace Orchestrator.Engine.Model;

/// <summary>
/// An element of the executable graph: an event, task, gateway or (sub)process, with what its kind
/// needs. Built by <see cref="BpmnParser"/>, immutable once a <see cref="ProcessModel"/> is returned.
/// </summary>
public sealed class FlowNode
{
    private readonly List<SequenceFlow> _incoming = [];
    private readonly List<SequenceFlow> _outgoing = [];
    private readonly List<FlowNode> _boundaryEvents = [];
    private readonly List<FlowNode> _children = [];

    internal FlowNode(string id, ElementKind kind, int line)
    {
        Id = id;
        Kind = kind;
        Line = line;
    }

    /// <summary>The element id.</summary>
    public string Id { get; }

    /// <summary>The element's name, if any.</summary>
    public string? Name { get; internal set; }

    /// <summary>Its <c>documentation</c> text, if any (an ad-hoc subprocess's worker reads it to choose).</summary>
    public string? Documentation { get; internal set; }

    /// <summary>The kind.</summary>
    public ElementKind Kind { get; }

    /// <summary>The XML line it was declared on.</summary>
    public int Line { get; }

    /// <summary>The scope it lives in (process, subprocess, event subprocess); null for the process.</summary>
    public FlowNode? Parent { get; internal set; }

    /// <summary>Incoming sequence flows.</summary>
    public IReadOnlyList<SequenceFlow> Incoming => _incoming;

    /// <summary>Outgoing sequence flows, in document order (exclusive gateways test them in this order).</summary>
    public IReadOnlyList<SequenceFlow> Outgoing => _outgoing;

    /// <summary>The default flow of a gateway or activity, if any.</summary>
    public SequenceFlow? DefaultFlow { get; internal set; }

    /// <summary>The event definition (events only).</summary>
    public EventDefinition Event { get; internal set; } = EventDefinition.None;

    /// <summary>For interrupting events (boundary, event-subprocess start): true when they cancel the activity or scope.</summary>
    public bool Interrupting { get; internal set; } = true;

    /// <summary>For boundary events: the activity they are attached to.</summary>
    public FlowNode? AttachedTo { get; internal set; }

    /// <summary>For activities: the boundary events attached to them.</summary>
    public IReadOnlyList<FlowNode> BoundaryEvents => _boundaryEvents;

    /// <summary>For scopes: the flow nodes directly inside (event subprocesses included).</summary>
    public IReadOnlyList<FlowNode> Children => _children;

    /// <summary>For scopes: the none start event that a normal activation starts at.</summary>
    public FlowNode? NoneStart { get; internal set; }

    /// <summary>For job-based elements: the job type (<c>zeebe:taskDefinition type</c>).</summary>
    public ModelExpression? JobType { get; internal set; }

    /// <summary>For job-based elements: the retries (default 3).</summary>
    public ModelExpression? JobRetries { get; internal set; }

    /// <summary><c>zeebe:taskHeaders</c>, in order.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; internal set; } = EmptyStrings;

    /// <summary><c>zeebe:properties</c>, in order.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; internal set; } = EmptyStrings;

    /// <summary><c>zeebe:input</c> mappings.</summary>
    public IReadOnlyList<IoMapping> Inputs { get; internal set; } = [];

    /// <summary><c>zeebe:output</c> mappings.</summary>
    public IReadOnlyList<IoMapping> Outputs { get; internal set; } = [];

    /// <summary>Execution listeners of type start (<c>zeebe:executionListener eventType="start"</c>), in model order.</summary>
    public IReadOnlyList<ListenerDefinition> StartListeners { get; internal set; } = [];

    /// <summary>Execution listeners of type end, in model order.</summary>
    public IReadOnlyList<ListenerDefinition> EndListeners { get; internal set; } = [];

    /// <summary>For user tasks: assignment, schedule, priority and form.</summary>
    public UserTaskDefinition? UserTask { get; internal set; }

    /// <summary>For script tasks with <c>zeebe:script</c>: the FEEL expression.</summary>
    public ModelExpression? Script { get; internal set; }

    /// <summary>For script tasks with <c>zeebe:script</c>: the variable that receives the result.</summary>
    public string? ScriptResultVariable { get; internal set; }

    /// <summary>For business rule tasks with <c>zeebe:calledDecision</c>: the decision they evaluate.</summary>
    public CalledDecisionDefinition? CalledDecision { get; internal set; }

    /// <summary>For call activities: what they call.</summary>
    public CallActivityDefinition? CallActivity { get; internal set; }

    /// <summary>For ad-hoc subprocesses: what they activate and when they complete.</summary>
    public AdHocDefinition? AdHoc { get; internal set; }

    /// <summary>For activities with a multi-instance loop: its definition.</summary>
    public MultiInstanceDefinition? MultiInstance { get; internal set; }

    /// <summary>For activities with a compensation boundary event: the activity associated with it that undoes them.</summary>
    public FlowNode? CompensationHandler { get; internal set; }

    /// <summary>True for a compensation handler (<c>isForCompensation</c>): it runs only when compensation invokes it.</summary>
    public bool IsForCompensation { get; internal set; }

    /// <summary>For embedded subprocesses: the event subprocess with a compensation start event that undoes the subprocess, if any.</summary>
    public FlowNode? CompensationEventSubProcess => Kind == ElementKind.SubProcess
        ? _children.FirstOrDefault(c => c.Kind == ElementKind.EventSubProcess && c.EventStart?.Event.Kind == EventKind.Compensation)
        : null;

    /// <summary>True for the kinds that are activities (tasks, subprocesses, call activities).</summary>
    public bool IsActivity => Kind is ElementKind.SubProcess or ElementKind.AdHocSubProcess or ElementKind.CallActivity or ElementKind.ServiceTask or ElementKind.SendTask
        or ElementKind.BusinessRuleTask or ElementKind.ScriptTask or ElementKind.ReceiveTask or ElementKind.UserTask or ElementKind.ManualTask or ElementKind.Task;

    /// <summary>True for elements that contain flow nodes.</summary>
    public bool IsScope => Kind is ElementKind.Process or ElementKind.SubProcess or ElementKind.AdHocSubProcess or ElementKind.EventSubProcess;

    /// <summary>For event subprocesses: the start event that triggers them.</summary>
    public FlowNode? EventStart => Kind == ElementKind.EventSubProcess ? _children.FirstOrDefault(c => c.Kind == ElementKind.StartEvent) : null;

    private static IReadOnlyDictionary<string, string> EmptyStrings { get; } = new Dictionary<string, string>();

    internal void AddIncoming(SequenceFlow flow) => _incoming.Add(flow);

    internal void AddOutgoing(SequenceFlow flow) => _outgoing.Add(flow);

    internal void AddBoundaryEvent(FlowNode boundary) => _boundaryEvents.Add(boundary);

    internal void AddChild(FlowNode child) => _children.Add(child);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Id}'";
}

using System.Xml;
using System.Xml.Linq;
using Orchestrator.Engine.Execution.Timers;
using Orchestrator.Engine.State;
using Orchestrator.Feel;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Model;

/// <summary>
/// Reads BPMN 2.0 XML with Camunda 8 (<c>zeebe:</c>) extensions into validated <see cref="ProcessModel"/>s.
/// Diagram interchange, documentation, lanes, collaborations and other vendors' extensions are
/// ignored. Every problem is collected (element id and line each); a resource with any problem
/// yields no process, because the engine never deploys what it cannot run.
/// </summary>
public sealed class BpmnParser
{
    /// <summary>Resources larger than this (in characters) are refused before parsing; the server's deployment limit is as large.</summary>
    public const int MaxResourceLength = 32 * 1024 * 1024;

    /// <summary>How deeply subprocesses may nest: deep enough for any model, shallow enough to parse and run without running out of stack.</summary>
    public const int MaxScopeDepth = 100;

    private static readonly Dictionary<string, ElementKind> FlowNodeKinds = new()
    {
        ["startEvent"] = ElementKind.StartEvent,
        ["endEvent"] = ElementKind.EndEvent,
        ["intermediateCatchEvent"] = ElementKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = ElementKind.IntermediateThrowEvent,
        ["boundaryEvent"] = ElementKind.BoundaryEvent,
        ["serviceTask"] = ElementKind.ServiceTask,
        ["sendTask"] = ElementKind.SendTask,
        ["businessRuleTask"] = ElementKind.BusinessRuleTask,
        ["scriptTask"] = ElementKind.ScriptTask,
        ["receiveTask"] = ElementKind.ReceiveTask,
        ["userTask"] = ElementKind.UserTask,
        ["manualTask"] = ElementKind.ManualTask,
        ["task"] = ElementKind.Task,
        ["exclusiveGateway"] = ElementKind.ExclusiveGateway,
        ["parallelGateway"] = ElementKind.ParallelGateway,
        ["inclusiveGateway"] = ElementKind.InclusiveGateway,
        ["eventBasedGateway"] = ElementKind.EventBasedGateway,
        ["subProcess"] = ElementKind.SubProcess,
        ["adHocSubProcess"] = ElementKind.AdHocSubProcess,
        ["callActivity"] = ElementKind.CallActivity,
    };

    private static readonly HashSet<string> Ignored =
    [
        "sequenceFlow", "laneSet", "textAnnotation", "association", "dataObject", "dataObjectReference", "dataStoreReference",
        "documentation", "extensionElements", "ioSpecification", "property", "group", "category", "dataInputAssociation",
        "dataOutputAssociation", "incoming", "outgoing", "multiInstanceLoopCharacteristics", "standardLoopCharacteristics", "completionCondition",
    ];

    private static readonly Dictionary<string, string> Unsupported = new()
    {
        ["transaction"] = "transaction subprocess is not supported yet",
        ["complexGateway"] = "complex gateway is not supported",
    };

    private readonly FeelEngine _feel;
    private readonly string _resource;
    private readonly List<ModelProblem> _problems = [];
    private readonly Dictionary<string, (ModelExpression? Name, ModelExpression? CorrelationKey)> _messages = [];
    private readonly Dictionary<string, ModelExpression?> _errors = [];
    private readonly Dictionary<string, ModelExpression?> _escalations = [];
    private readonly Dictionary<string, ModelExpression?> _signals = [];
    private readonly HashSet<string> _flowIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flowsWithConditionText = new(StringComparer.Ordinal);
    private Dictionary<string, FlowNode> _elements = [];

    // Elements already refused as not supported: the problems that would only follow from that (a boundary event "without a
    // definition", flows "to nowhere", a gateway that lost its only flow) are left out, so the cause is the problem reported.
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<XElement>> _flowsBySource = new(StringComparer.Ordinal);
    private readonly Dictionary<XElement, int> _flowOrder = [];
    private readonly HashSet<XElement> _handledFlows = [];
    private readonly List<(string? Source, string? Target)> _associations = [];

    private readonly bool _stored;

    private BpmnParser(FeelEngine feel, string resource, bool stored)
    {
        _feel = feel;
        _resource = resource;
        _stored = stored;
    }

    /// <summary>Parses and validates one BPMN resource.</summary>
    /// <param name="xml">The resource.</param>
    /// <param name="resourceName">Its name, for problems.</param>
    /// <param name="feel">The FEEL engine that compiles its expressions.</param>
    /// <param name="stored">
    /// True for a definition deployed earlier and read back at start-up: rules added since it was deployed that refuse what
    /// ran before (listeners, duplicate link names) are not applied, so an upgrade never quarantines running instances.
    /// </param>
    public static BpmnParseResult Parse(string xml, string resourceName, FeelEngine feel, bool stored = false)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(feel);
        var parser = new BpmnParser(feel, resourceName, stored);
        var processes = parser.ParseDocument(xml);
        return parser._problems.Count > 0
            ? new BpmnParseResult([], parser._problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList())
            : new BpmnParseResult(processes, []);
    }

    private List<ProcessModel> ParseDocument(string xml)
    {
        if (xml.Length > MaxResourceLength)
        {
            Problem(null, 0, 0, $"the resource is larger than {MaxResourceLength / (1024 * 1024)} MiB");
            return [];
        }

        XDocument document;
        try
        {
            // Whitespace-only text is never read (values are trimmed); skipping it saves about a fifth of parsing and its allocations.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreWhitespace = true };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            Problem(null, ex.LineNumber, ex.LinePosition, $"malformed XML: {ex.Message}");
            return [];
        }

        var root = document.Root!;
        if (root.Name != Bpmn + "definitions")
        {
            Problem(root, null, $"expected a BPMN 2.0 <definitions> element in namespace {Bpmn} but found <{root.Name.LocalName}> in '{root.Name.NamespaceName}'");
            return [];
        }

        ReadGlobals(root);
        var processes = new List<ProcessModel>();
        var seenProcessIds = new HashSet<string>();
        foreach (var process in root.Elements(Bpmn + "process"))
        {
            if ((string?)process.Attribute("isExecutable") == "false")
            {
                continue;
            }

            var id = (string?)process.Attribute("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                Problem(process, null, "the process has no id");
                continue;
            }

            if (!seenProcessIds.Add(id))
            {
                Problem(process, id, $"the process id '{id}' is used twice in this resource");
                continue;
            }

            _elements = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
            _associations.Clear();
            ReadFlowsBySource(process);
            var node = new FlowNode(id, ElementKind.Process, Line(process)) { Name = (string?)process.Attribute("name") };
            node.Properties = ReadProperties(process);
            ReadExecutionListeners(process, node);
            ParseScope(process, node, 0);
            // A flow of a refused element (or inside one, never read) adds nothing to the problem already reported.
            foreach (var stray in _flowOrder.Keys.Where(f => !_handledFlows.Contains(f) && !_refused.Contains((string?)f.Attribute("sourceRef") ?? "")
                && !_refused.Contains((string?)f.Attribute("targetRef") ?? "") && !f.Ancestors().Any(a => _refused.Contains((string?)a.Attribute("id") ?? ""))))
            {
                Problem(stray, (string?)stray.Attribute("id"), $"the sequence flow's source '{(string?)stray.Attribute("sourceRef")}' is not an element of this process");
            }

            ResolveCompensation();
            processes.Add(new ProcessModel(id, node.Name, node, _elements));
        }

        if (processes.Count == 0 && _problems.Count == 0)
        {
            Problem(root, null, "the resource has no executable process");
        }

        return processes;
    }

    private void ReadGlobals(XElement root)
    {
        foreach (var message in root.Elements(Bpmn + "message"))
        {
            var key = message.Element(Bpmn + "extensionElements")?.Element(Zeebe + "subscription")?.Attribute("correlationKey")?.Value;
            var id = (string?)message.Attribute("id") ?? string.Empty;
            _messages[id] = (Expression(message, id, "name", (string?)message.Attribute("name")), Expression(message, id, "correlationKey", key));
        }

        foreach (var error in root.Elements(Bpmn + "error"))
        {
            var id = (string?)error.Attribute("id") ?? string.Empty;
            _errors[id] = Expression(error, id, "errorCode", (string?)error.Attribute("errorCode"));
        }

        foreach (var escalation in root.Elements(Bpmn + "escalation"))
        {
            var id = (string?)escalation.Attribute("id") ?? string.Empty;
            _escalations[id] = Expression(escalation, id, "escalationCode", (string?)escalation.Attribute("escalationCode"));
        }

        foreach (var signal in root.Elements(Bpmn + "signal"))
        {
            var id = (string?)signal.Attribute("id") ?? string.Empty;
            _signals[id] = Expression(signal, id, "name", (string?)signal.Attribute("name"));
        }
    }

    private void ParseScope(XElement scopeElement, FlowNode scope, int depth)
    {
        var boundaryEvents = new List<(FlowNode Node, XElement Element)>();
        var nodeElements = new List<(FlowNode Node, XElement Element)>();
        foreach (var child in scopeElement.Elements())
        {
            if (child.Name.Namespace != Bpmn)
            {
                continue;
            }

            var local = child.Name.LocalName;
            if (local == "association")
            {
                // An artifact, except that it ties a compensation boundary event to its handler.
                _associations.Add((Reference(child, "sourceRef"), Reference(child, "targetRef")));
                continue;
            }

            if (Ignored.Contains(local))
            {
                continue;
            }

            var id = (string?)child.Attribute("id");
            if (Unsupported.TryGetValue(local, out var why))
            {
                Problem(child, id, why);
                MarkRefused(id);
                continue;
            }

            if (!FlowNodeKinds.TryGetValue(local, out var kind))
            {
                Problem(child, id, $"<{local}> is not a supported BPMN element");
                continue;
            }

            if (string.IsNullOrWhiteSpace(id))
            {
                Problem(child, null, $"<{local}> has no id");
                continue;
            }

            if (kind == ElementKind.SubProcess && (string?)child.Attribute("triggeredByEvent") == "true")
            {
                kind = ElementKind.EventSubProcess;
            }

            var node = new FlowNode(id, kind, Line(child)) { Name = (string?)child.Attribute("name"), Parent = scope };
            if (!_elements.TryAdd(id, node))
            {
                Problem(child, id, $"the id '{id}' is used by more than one element");
                continue;
            }

            scope.AddChild(node);
            nodeElements.Add((node, child));
            if (kind == ElementKind.BoundaryEvent)
            {
                boundaryEvents.Add((node, child));
            }
        }

        foreach (var (node, element) in nodeElements)
        {
            ParseNode(node, element);
        }

        ParseFlows(scopeElement, scope, nodeElements);
        foreach (var (boundary, element) in boundaryEvents)
        {
            AttachBoundary(boundary, element, scope);
        }

        ValidateScope(scopeElement, scope);
        foreach (var (node, element) in nodeElements)
        {
            if (node.IsScope && depth < MaxScopeDepth)
            {
                ParseScope(element, node, depth + 1);
            }
            else if (node.IsScope)
            {
                Problem(element, node.Id, $"subprocesses nest more than {MaxScopeDepth} deep here");
            }

            ValidateNode(node, element);
        }
    }

    /// <summary>
    /// <c>zeebe:taskListeners</c> of a Camunda user task: jobs run one at a time when the task is being created, assigned,
    /// updated or completed (Camunda's older event names accepted). Canceling listeners would make a termination wait for
    /// jobs, which the engine's terminations do not do: they are refused rather than skipped.
    /// </summary>
    private List<ListenerDefinition> ReadTaskListeners(FlowNode node, XElement element)
    {
        var listeners = element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "taskListeners")?.Elements(Zeebe + "taskListener").ToList();
        var read = new List<ListenerDefinition>();
        if (listeners is not { Count: > 0 })
        {
            return read;
        }

        if (node.Kind != ElementKind.UserTask || element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "userTask") is null)
        {
            if (!_stored)
            {
                Problem(listeners[0], node.Id, "Task listeners are only allowed on Camunda user tasks.");
            }

            return read;
        }

        foreach (var listener in listeners)
        {
            var eventType = (string?)listener.Attribute("eventType");
            ListenerEventType? type = eventType switch
            {
                "creating" or "create" => ListenerEventType.Creating,
                "assigning" or "assignment" => ListenerEventType.Assigning,
                "updating" or "update" => ListenerEventType.Updating,
                "completing" or "complete" => ListenerEventType.Completing,
                _ => null,
            };
            if (type is null && _stored)
            {
                // Deployed by a version that ignored task listeners: the instances that ran without them go on without them.
                continue;
            }

            if (eventType is "canceling" or "cancel")
            {
                Problem(listener, node.Id, "canceling task listeners are not supported yet: a termination here does not wait for their jobs");
            }
            else if (type is null)
            {
                Problem(listener, node.Id, $"a task listener's eventType must be creating, assigning, updating, completing or canceling, not '{eventType}'");
            }
            else if (ReadListener(listener, node.Id, type.Value, "a task listener") is { } definition)
            {
                read.Add(definition);
            }
        }

        return read;
    }

    /// <summary>
    /// <c>zeebe:executionListeners</c>: jobs run one at a time before the element's work (start, after its input mappings) and
    /// after it (end, after its output mappings), refused where Zeebe refuses them: start listeners on start and boundary events,
    /// end listeners on gateways and error end events, any on compensation boundary events, a type twice for one event.
    /// </summary>
    private void ReadExecutionListeners(XElement element, FlowNode node)
    {
        var listeners = element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "executionListeners")?.Elements(Zeebe + "executionListener").ToList();
        if (listeners is not { Count: > 0 })
        {
            return;
        }

        var start = new List<ListenerDefinition>();
        var end = new List<ListenerDefinition>();
        foreach (var listener in listeners)
        {
            var eventType = (string?)listener.Attribute("eventType");
            var list = eventType switch
            {
                "start" => start,
                "end" => end,
                _ => null,
            };
            if (list is null)
            {
                Problem(listener, node.Id, $"an execution listener's eventType must be 'start' or 'end', not '{eventType}'");
                continue;
            }

            if (ReadListener(listener, node.Id, eventType == "start" ? ListenerEventType.Start : ListenerEventType.End, "an execution listener") is { } definition)
            {
                list.Add(definition);
            }
        }

        var boundary = node.Kind == ElementKind.BoundaryEvent;
        if (boundary && node.Event.Kind == EventKind.Compensation)
        {
            Problem(listeners[0], node.Id, "Execution listeners of type 'start' and 'end' are not supported by [compensation] boundary events");
        }
        else if (start.Count > 0 && node.Kind is ElementKind.StartEvent or ElementKind.BoundaryEvent)
        {
            Problem(listeners[0], node.Id, $"Execution listeners of type 'start' are not supported by {(boundary ? "boundary" : "start")} events");
        }

        if (end.Count > 0 && node.Kind is ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway or ElementKind.ParallelGateway or ElementKind.EventBasedGateway)
        {
            Problem(listeners[0], node.Id, "Execution listeners of type 'end' are not supported by gateway element");
        }
        else if (end.Count > 0 && node.Kind == ElementKind.EndEvent && node.Event.Kind == EventKind.Error)
        {
            Problem(listeners[0], node.Id, "Execution listeners of type 'end' are not supported by [error] end events");
        }

        foreach (var (eventType, list) in new[] { ("start", start), ("end", end) })
        {
            foreach (var twice in list.GroupBy(l => l.Type.Text, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                Problem(listeners[0], node.Id, $"Found '{twice.Count()}' duplicates based on eventType[{eventType}] and type[{twice.Key}], these combinations should be unique.");
            }
        }

        node.StartListeners = start;
        node.EndListeners = end;
    }

    /// <summary>One listener's job type and retries (both literal or FEEL; retries default to 3).</summary>
    private ListenerDefinition? ReadListener(XElement listener, string id, ListenerEventType eventType, string what)
    {
        var typeText = (string?)listener.Attribute("type");
        if (string.IsNullOrWhiteSpace(typeText))
        {
            Problem(listener, id, $"{what}: Attribute 'type' must be present and not empty");
            return null;
        }

        var retriesText = (string?)listener.Attribute("retries");
        if (retriesText is not null && string.IsNullOrWhiteSpace(retriesText))
        {
            Problem(listener, id, $"{what}: Attribute 'retries' must not be empty");
            return null;
        }

        var type = Expression(listener, id, $"{what}'s type", typeText);
        var retries = Expression(listener, id, $"{what}'s retries", retriesText);
        return type is null || (retriesText is not null && retries is null) ? null : new ListenerDefinition(eventType, type, retries, Line(listener));
    }

    private void ParseNode(FlowNode node, XElement element)
    {
        var taskListeners = ReadTaskListeners(node, element);
        var extensions = element.Element(Bpmn + "extensionElements");
        node.Event = ReadEvent(node, element);
        ReadExecutionListeners(element, node);
        node.Interrupting = node.Kind switch
        {
            ElementKind.BoundaryEvent => (string?)element.Attribute("cancelActivity") != "false",
            ElementKind.StartEvent => (string?)element.Attribute("isInterrupting") != "false",
            _ => true,
        };
        node.Properties = ReadProperties(element);
        node.Documentation = element.Element(Bpmn + "documentation")?.Value.Trim() is { Length: > 0 } documentation ? documentation : null;
        node.IsForCompensation = (string?)element.Attribute("isForCompensation") == "true";
        if (node.Kind == ElementKind.AdHocSubProcess)
        {
            ReadAdHoc(node, element, extensions);
        }

        if (extensions is null)
        {
            ReadMultiInstance(node, element);
            return;
        }

        if (extensions.Element(Zeebe + "taskDefinition") is { } task)
        {
            node.JobType = Expression(task, node.Id, "type", (string?)task.Attribute("type"));
            node.JobRetries = Expression(task, node.Id, "retries", (string?)task.Attribute("retries"));
        }

        if (extensions.Element(Zeebe + "taskHeaders") is { } headers)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var header in headers.Elements(Zeebe + "header"))
            {
                map[(string?)header.Attribute("key") ?? string.Empty] = (string?)header.Attribute("value") ?? string.Empty;
            }

            node.Headers = map;
        }

        if (extensions.Element(Zeebe + "ioMapping") is { } io)
        {
            node.Inputs = ReadMappings(node, io, "input");
            node.Outputs = ReadMappings(node, io, "output");
        }

        if (extensions.Element(Zeebe + "script") is { } script)
        {
            node.Script = Expression(script, node.Id, "expression", (string?)script.Attribute("expression"));
            node.ScriptResultVariable = (string?)script.Attribute("resultVariable");
        }

        if (extensions.Element(Zeebe + "calledElement") is { } called
            && Expression(called, node.Id, "processId", (string?)called.Attribute("processId")) is { } processId
            && !string.IsNullOrWhiteSpace(processId.Text))
        {
            node.CallActivity = new CallActivityDefinition
            {
                ProcessId = processId,
                BindingType = (string?)called.Attribute("bindingType") ?? "latest",
                PropagateAllChildVariables = (string?)called.Attribute("propagateAllChildVariables") != "false",
                PropagateAllParentVariables = (string?)called.Attribute("propagateAllParentVariables") != "false",
            };
        }

        if (node.Kind == ElementKind.UserTask)
        {
            node.UserTask = ReadUserTask(node, extensions, taskListeners);
        }

        if (extensions.Element(Zeebe + "calledDecision") is { } decision)
        {
            Problem(decision, node.Id, "business rule tasks that call a DMN decision are not supported yet; use a task definition (job worker)");
            _refused.Add(node.Id);
        }

        ReadMultiInstance(node, element);
    }

    private UserTaskDefinition ReadUserTask(FlowNode node, XElement extensions, List<ListenerDefinition> listeners)
    {
        var assignment = extensions.Element(Zeebe + "assignmentDefinition");
        var schedule = extensions.Element(Zeebe + "taskSchedule");
        var priority = extensions.Element(Zeebe + "priorityDefinition");
        var form = extensions.Element(Zeebe + "formDefinition");
        return new UserTaskDefinition
        {
            IsZeebeUserTask = extensions.Element(Zeebe + "userTask") is not null,
            Assignee = Expression(assignment, node.Id, "assignee", (string?)assignment?.Attribute("assignee")),
            CandidateGroups = Expression(assignment, node.Id, "candidateGroups", (string?)assignment?.Attribute("candidateGroups")),
            CandidateUsers = Expression(assignment, node.Id, "candidateUsers", (string?)assignment?.Attribute("candidateUsers")),
            DueDate = Expression(schedule, node.Id, "dueDate", (string?)schedule?.Attribute("dueDate")),
            FollowUpDate = Expression(schedule, node.Id, "followUpDate", (string?)schedule?.Attribute("followUpDate")),
            Priority = Expression(priority, node.Id, "priority", (string?)priority?.Attribute("priority")),
            FormId = (string?)form?.Attribute("formId"),
            FormKey = (string?)form?.Attribute("formKey"),
            ExternalReference = Expression(form, node.Id, "externalReference", (string?)form?.Attribute("externalReference")),
            Listeners = listeners,
        };
    }

    private void ReadAdHoc(FlowNode node, XElement element, XElement? extensions)
    {
        var adHoc = extensions?.Element(Zeebe + "adHoc");
        var completion = element.Element(Bpmn + "completionCondition")?.Value.Trim();
        node.AdHoc = new AdHocDefinition
        {
            ActiveElements = Expression(adHoc, node.Id, "activeElementsCollection", (string?)adHoc?.Attribute("activeElementsCollection")),
            CompletionCondition = string.IsNullOrEmpty(completion) ? null : Expression(element, node.Id, "completionCondition", completion),
            CancelRemainingInstances = (string?)element.Attribute("cancelRemainingInstances") != "false",
            OutputCollection = (string?)adHoc?.Attribute("outputCollection"),
            OutputElement = Expression(adHoc, node.Id, "outputElement", (string?)adHoc?.Attribute("outputElement")),
        };
        if ((node.AdHoc.OutputCollection is null) != (node.AdHoc.OutputElement is null))
        {
            Problem(adHoc!, node.Id, "an ad-hoc subprocess's outputCollection and outputElement go together");
        }
    }

    private void ReadMultiInstance(FlowNode node, XElement element)
    {
        if (element.Element(Bpmn + "standardLoopCharacteristics") is { } loop)
        {
            Problem(loop, node.Id, "standard loops are not supported; use a multi-instance loop");
            return;
        }

        if (element.Element(Bpmn + "multiInstanceLoopCharacteristics") is not { } mi)
        {
            return;
        }

        var zeebe = mi.Element(Bpmn + "extensionElements")?.Element(Zeebe + "loopCharacteristics");
        var input = Expression(zeebe ?? mi, node.Id, "inputCollection", (string?)zeebe?.Attribute("inputCollection"));
        if (input is null)
        {
            Problem(mi, node.Id, "a multi-instance activity needs an input collection (zeebe:loopCharacteristics inputCollection)");
            return;
        }

        var completion = mi.Element(Bpmn + "completionCondition")?.Value.Trim();
        node.MultiInstance = new MultiInstanceDefinition
        {
            IsSequential = (string?)mi.Attribute("isSequential") == "true",
            InputCollection = input,
            InputElement = (string?)zeebe?.Attribute("inputElement"),
            OutputCollection = (string?)zeebe?.Attribute("outputCollection"),
            OutputElement = Expression(zeebe!, node.Id, "outputElement", (string?)zeebe?.Attribute("outputElement")),
            CompletionCondition = string.IsNullOrEmpty(completion) ? null : Expression(mi, node.Id, "completionCondition", completion),
        };
        if (node.MultiInstance.OutputCollection is not null && node.MultiInstance.OutputElement is null)
        {
            Problem(zeebe!, node.Id, "a multi-instance output collection needs an output element");
        }
    }

    private List<IoMapping> ReadMappings(FlowNode node, XElement io, string kind)
    {
        var mappings = new List<IoMapping>();
        foreach (var mapping in io.Elements(Zeebe + kind))
        {
            var target = (string?)mapping.Attribute("target");
            if (string.IsNullOrWhiteSpace(target))
            {
                Problem(mapping, node.Id, $"a zeebe:{kind} mapping has no target");
                continue;
            }

            var source = (string?)mapping.Attribute("source") ?? "=null";
            if (Expression(mapping, node.Id, $"{kind} mapping '{target}'", source) is { } expression)
            {
                mappings.Add(new IoMapping(expression, target));
            }
        }

        return mappings;
    }

    private static Dictionary<string, string> ReadProperties(XElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var properties = element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "properties");
        foreach (var property in properties?.Elements(Zeebe + "property") ?? [])
        {
            map[(string?)property.Attribute("name") ?? string.Empty] = (string?)property.Attribute("value") ?? string.Empty;
        }

        return map;
    }

    /// <summary>
    /// A reference attribute: BPMN types these as QNames, so modellers may write <c>tns:order-received</c> with a prefix for
    /// the definitions' namespace. Ids cannot contain a colon, so the local part is the id whenever the prefix is declared.
    /// </summary>
    private static string? Reference(XElement element, string attribute)
    {
        var value = (string?)element.Attribute(attribute);
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && element.GetNamespaceOfPrefix(value![..colon]) is not null ? value[(colon + 1)..] : value;
    }

    private EventDefinition ReadEvent(FlowNode node, XElement element)
    {
        var definitions = element.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        if (definitions.Count == 0)
        {
            return EventDefinition.None;
        }

        if (definitions.Count > 1)
        {
            Problem(element, node.Id, "an event with more than one event definition is not supported");
            return EventDefinition.None;
        }

        var definition = definitions[0];
        var kindName = KindName(node);
        switch (definition.Name.LocalName)
        {
            case "messageEventDefinition":
                var messageRef = Reference(definition, "messageRef");
                if (messageRef is null && node.Kind is ElementKind.IntermediateThrowEvent or ElementKind.EndEvent)
                {
                    // As Zeebe: a message throw or end event runs as a job of its task type, and which message the worker
                    // sends is the worker's business, so it needs no message reference.
                    return new EventDefinition { Kind = EventKind.Message };
                }

                if (messageRef is null || !_messages.TryGetValue(messageRef, out var message) || message.Name is null)
                {
                    Problem(definition, node.Id, $"the message {kindName} has no message with a name (messageRef '{messageRef}')");
                    return new EventDefinition { Kind = EventKind.Message };
                }

                return new EventDefinition { Kind = EventKind.Message, MessageName = message.Name, CorrelationKey = message.CorrelationKey };
            case "timerEventDefinition":
                return ReadTimer(node, definition, kindName);
            case "errorEventDefinition":
                var errorRef = Reference(definition, "errorRef");
                ModelExpression? code = null;
                if (errorRef is not null && !_errors.TryGetValue(errorRef, out code))
                {
                    Problem(definition, node.Id, $"the error '{errorRef}' is not defined");
                }

                return new EventDefinition { Kind = EventKind.Error, ErrorCode = code };
            case "escalationEventDefinition":
                var escalationRef = Reference(definition, "escalationRef");
                ModelExpression? escalation = null;
                if (escalationRef is not null && !_escalations.TryGetValue(escalationRef, out escalation))
                {
                    Problem(definition, node.Id, $"the escalation '{escalationRef}' is not defined");
                }

                return new EventDefinition { Kind = EventKind.Escalation, EscalationCode = escalation };
            case "signalEventDefinition":
                var signalRef = Reference(definition, "signalRef");
                if (signalRef is null || !_signals.TryGetValue(signalRef, out var signal) || signal is null)
                {
                    Problem(definition, node.Id, $"the signal {kindName} has no signal with a name (signalRef '{signalRef}')");
                    return new EventDefinition { Kind = EventKind.Signal };
                }

                return new EventDefinition { Kind = EventKind.Signal, SignalName = signal };
            case "terminateEventDefinition":
                return new EventDefinition { Kind = EventKind.Terminate };
            case "linkEventDefinition":
                return new EventDefinition { Kind = EventKind.Link, LinkName = (string?)definition.Attribute("name") };
            case "compensateEventDefinition":
                if ((string?)definition.Attribute("waitForCompletion") == "false")
                {
                    // As Zeebe: a compensation throw event always waits for the handlers it started.
                    Problem(definition, node.Id, $"the compensation {kindName} cannot have waitForCompletion=\"false\": it always waits for the handlers it starts");
                }

                return new EventDefinition { Kind = EventKind.Compensation, ActivityRef = Reference(definition, "activityRef") };
            case "conditionalEventDefinition":
                Problem(definition, node.Id, $"conditional {kindName} is not supported yet");
                _refused.Add(node.Id);
                return EventDefinition.None;
            default:
                Problem(definition, node.Id, $"{definition.Name.LocalName} is not supported");
                return EventDefinition.None;
        }
    }

    private EventDefinition ReadTimer(FlowNode node, XElement definition, string kindName)
    {
        var (kind, element) = definition.Element(Bpmn + "timeDate") is { } date ? (TimerKind.Date, date)
            : definition.Element(Bpmn + "timeDuration") is { } duration ? (TimerKind.Duration, duration)
            : definition.Element(Bpmn + "timeCycle") is { } cycle ? (TimerKind.Cycle, cycle)
            : (TimerKind.Date, (XElement?)null);
        if (element is null || string.IsNullOrWhiteSpace(element.Value))
        {
            Problem(definition, node.Id, $"the timer {kindName} has no timeDate, timeDuration or timeCycle");
            return new EventDefinition { Kind = EventKind.Timer };
        }

        var expression = Expression(element, node.Id, "timer", element.Value.Trim());
        if (expression is { IsExpression: false } && TimerSchedule.Validate(kind, expression.Literal) is { } error)
        {
            Problem(element, node.Id, $"invalid timer: {error}");
        }

        return new EventDefinition { Kind = EventKind.Timer, TimerKind = kind, Timer = expression };
    }

    /// <summary>Adds an element (when it has an id) to those whose knock-on problems are left out: a refused one, or one whose flow led to or from it.</summary>
    private void MarkRefused(string? id)
    {
        if (id is not null)
        {
            _refused.Add(id);
        }
    }

    /// <summary>
    /// Every sequence flow of a process by its source, in document order: a flow belongs to the scope of its source, wherever
    /// it is written (modelers sometimes write a subprocess's inner flow at process level; Zeebe reads it by its references).
    /// </summary>
    private void ReadFlowsBySource(XElement process)
    {
        _flowsBySource.Clear();
        _flowOrder.Clear();
        _handledFlows.Clear();
        foreach (var flow in process.Descendants(Bpmn + "sequenceFlow"))
        {
            _flowOrder[flow] = _flowOrder.Count;
            if ((string?)flow.Attribute("sourceRef") is { } source)
            {
                if (!_flowsBySource.TryGetValue(source, out var flows))
                {
                    _flowsBySource[source] = flows = [];
                }

                flows.Add(flow);
            }
        }
    }

    private void ParseFlows(XElement scopeElement, FlowNode scope, List<(FlowNode Node, XElement Element)> nodeElements)
    {
        // The flows leaving this scope's elements, wherever written, and those written here whose source is not known (yet: an
        // inner scope is read after its parent's flows; what no scope takes is refused once the process is read).
        var leaving = nodeElements.SelectMany(n => _flowsBySource.GetValueOrDefault(n.Node.Id) ?? []);
        var unknown = scopeElement.Elements(Bpmn + "sequenceFlow").Where(f => !_elements.ContainsKey((string?)f.Attribute("sourceRef") ?? ""));
        foreach (var flow in leaving.Union(unknown).Where(f => !_handledFlows.Contains(f)).OrderBy(f => _flowOrder[f]))
        {
            var sourceId = (string?)flow.Attribute("sourceRef");
            var targetId = (string?)flow.Attribute("targetRef");
            if (!_refused.Contains(sourceId ?? "") && !_refused.Contains(targetId ?? "") && !_elements.ContainsKey(sourceId ?? ""))
            {
                continue;
            }

            _handledFlows.Add(flow);
            var id = (string?)flow.Attribute("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                Problem(flow, null, "a sequence flow has no id");
                continue;
            }

            if (flow.Element(Bpmn + "extensionElements")?.Element(Zeebe + "executionListeners")?.Elements(Zeebe + "executionListener").FirstOrDefault() is { } listener && !_stored)
            {
                Problem(listener, id, "Execution listeners are not supported for the 'sequenceFlow' element: only processes, subprocesses, call activities, tasks, events and gateways can have them");
            }

            if (_refused.Contains(sourceId ?? "") || _refused.Contains(targetId ?? ""))
            {
                MarkRefused(sourceId);
                MarkRefused(targetId);
                continue;
            }

            var source = _elements[sourceId!];

            if (targetId is null || !_elements.TryGetValue(targetId, out var target) || target.Parent != scope)
            {
                Problem(flow, id, $"the sequence flow's target '{targetId}' is not an element of the same scope as its source '{sourceId}'");
                continue;
            }

            var conditionText = flow.Element(Bpmn + "conditionExpression")?.Value.Trim();
            ModelExpression? condition = null;
            if (!string.IsNullOrEmpty(conditionText))
            {
                _flowsWithConditionText.Add(id);
                if (source.Kind is not (ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway))
                {
                    Problem(flow, id, $"a condition on a flow that leaves {KindName(source)} '{source.Id}' is not supported; only flows leaving exclusive and inclusive gateways have conditions");
                }
                else if (!conditionText.StartsWith('='))
                {
                    Problem(flow, id, $"the condition '{conditionText}' must be a FEEL expression starting with '='");
                }
                else
                {
                    condition = Expression(flow, id, "condition", conditionText);
                }
            }

            var sequenceFlow = new SequenceFlow(id, source, target, condition) { TargetIndex = target.Incoming.Count };
            source.AddOutgoing(sequenceFlow);
            target.AddIncoming(sequenceFlow);
            if (!_flowIds.Add(id) || _elements.ContainsKey(id))
            {
                Problem(flow, id, $"the id '{id}' is used by more than one element");
            }
        }

        // Each node's own element: searching the scope's children by id for every node made big models quadratic.
        foreach (var (node, element) in nodeElements)
        {
            if ((string?)element.Attribute("default") is { } defaultId)
            {
                node.DefaultFlow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
                if (node.DefaultFlow is null)
                {
                    if (!_refused.Contains(node.Id))
                    {
                        Problem(element, node.Id, $"the default flow '{defaultId}' is not an outgoing flow of '{node.Id}'");
                    }
                }
                else if (node.DefaultFlow.Condition is not null)
                {
                    Problem(element, node.Id, $"the default flow '{defaultId}' must not have a condition");
                }
            }
        }
    }

    private void AttachBoundary(FlowNode boundary, XElement element, FlowNode scope)
    {
        var attachedTo = Reference(element, "attachedToRef");
        if (attachedTo is null || !_elements.TryGetValue(attachedTo, out var activity) || activity.Parent != scope || !activity.IsActivity)
        {
            Problem(element, boundary.Id, $"the boundary event is attached to '{attachedTo}', which is not an activity of the same scope");
            return;
        }

        boundary.AttachedTo = activity;
        activity.AddBoundaryEvent(boundary);
    }

    private void ValidateScope(XElement element, FlowNode scope)
    {
        var starts = scope.Children.Where(c => c.Kind == ElementKind.StartEvent).ToList();
        var noneStarts = starts.Where(s => s.Event.Kind == EventKind.None).ToList();
        switch (scope.Kind)
        {
            case ElementKind.Process:
                if (starts.Count == 0)
                {
                    Problem(element, scope.Id, "the process has no start event");
                }

                if (noneStarts.Count > 1)
                {
                    Problem(element, scope.Id, "the process has more than one none start event");
                }

                foreach (var start in starts.Where(s => s.Event.Kind is not (EventKind.None or EventKind.Message or EventKind.Timer or EventKind.Signal)))
                {
                    Problem(element, start.Id, $"a {start.Event.Kind.ToString().ToLowerInvariant()} start event is only allowed in an event subprocess");
                }

                break;
            case ElementKind.SubProcess:
                if (starts.Count != 1 || noneStarts.Count != 1)
                {
                    Problem(element, scope.Id, "an embedded subprocess needs exactly one start event, a none start event");
                }

                break;
            case ElementKind.AdHocSubProcess when !_refused.Contains(scope.Id):
                if (scope.Children.Any(c => c.Kind is ElementKind.StartEvent or ElementKind.EndEvent))
                {
                    Problem(element, scope.Id, "an ad-hoc subprocess has no start or end events: its inner elements are activated by id");
                }

                if (!scope.Children.Any(c => c.IsActivity))
                {
                    Problem(element, scope.Id, "an ad-hoc subprocess needs at least one activity");
                }

                break;
            case ElementKind.EventSubProcess:
                if (starts.Count != 1 || starts[0].Event.Kind is EventKind.None or EventKind.Terminate or EventKind.Link)
                {
                    Problem(element, scope.Id, "an event subprocess needs exactly one start event with a message, timer, error, escalation, signal or compensation definition");
                }
                else if (starts[0].Event.Kind == EventKind.Compensation && scope.Parent!.Kind != ElementKind.SubProcess)
                {
                    Problem(element, scope.Id, "a compensation event subprocess belongs in an embedded subprocess (it undoes that subprocess)");
                }

                if (scope.Incoming.Count > 0 || scope.Outgoing.Count > 0)
                {
                    Problem(element, scope.Id, "an event subprocess has no incoming or outgoing sequence flows");
                }

                break;
        }

        scope.NoneStart = noneStarts.FirstOrDefault();
        var linkCatches = new HashSet<string?>(StringComparer.Ordinal);
        foreach (var catcher in scope.Children.Where(c => c.Kind == ElementKind.IntermediateCatchEvent && c.Event.Kind == EventKind.Link))
        {
            // A throw must lead to one place: Zeebe refuses two catch events with one link name in a scope, and so do we.
            if (!linkCatches.Add(catcher.Event.LinkName) && !_stored)
            {
                Problem(element, catcher.Id, $"another link catch event in the same scope is named '{catcher.Event.LinkName}' too");
            }
        }

        foreach (var thrower in scope.Children.Where(c => c.Kind == ElementKind.IntermediateThrowEvent && c.Event.Kind == EventKind.Link))
        {
            if (!linkCatches.Contains(thrower.Event.LinkName))
            {
                Problem(element, thrower.Id, $"no link catch event named '{thrower.Event.LinkName}' in the same scope");
            }
        }
    }

    private void ValidateNode(FlowNode node, XElement element)
    {
        if (_refused.Contains(node.Id))
        {
            return;
        }

        var eventKind = node.Event.Kind;
        switch (node.Kind)
        {
            case ElementKind.StartEvent when node.Parent!.Kind == ElementKind.EventSubProcess:
                break;
            case ElementKind.StartEvent when eventKind == EventKind.Message:
                break;
            case ElementKind.EndEvent when eventKind is EventKind.Error && node.Event.ErrorCode is null:
                Problem(element, node.Id, "an error end event needs an error with an error code");
                break;
            case ElementKind.EndEvent when eventKind is EventKind.Escalation && node.Event.EscalationCode is null:
                Problem(element, node.Id, "an escalation end event needs an escalation with an escalation code");
                break;
            case ElementKind.EndEvent when eventKind is EventKind.Message:
            case ElementKind.IntermediateThrowEvent when eventKind is EventKind.Message:
            case ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.BusinessRuleTask:
                if (node.JobType is null)
                {
                    Problem(element, node.Id, $"{KindName(node)} needs a task type (zeebe:taskDefinition type)");
                }

                break;
            case ElementKind.EndEvent when eventKind is EventKind.Timer or EventKind.Link:
                Problem(element, node.Id, $"a {eventKind.ToString().ToLowerInvariant()} end event is not valid BPMN");
                break;
            case ElementKind.ScriptTask when node.Script is null && node.JobType is null:
                Problem(element, node.Id, "a script task needs a FEEL script (zeebe:script) or a task type (zeebe:taskDefinition)");
                break;
            case ElementKind.ScriptTask when node.Script is not null && string.IsNullOrWhiteSpace(node.ScriptResultVariable):
                Problem(element, node.Id, "a script task needs a result variable (zeebe:script resultVariable)");
                break;
            case ElementKind.ReceiveTask:
                ValidateMessageCatch(node, element, Reference(element, "messageRef"));
                break;
            case ElementKind.IntermediateCatchEvent when eventKind == EventKind.Message:
                ValidateMessageCatch(node, element, null);
                break;
            case ElementKind.IntermediateCatchEvent when eventKind is not (EventKind.Timer or EventKind.Signal or EventKind.Link):
                Problem(element, node.Id, $"an intermediate catch event needs a message, timer, signal or link definition, not {eventKind.ToString().ToLowerInvariant()}");
                break;
            case ElementKind.IntermediateThrowEvent when eventKind is EventKind.Error or EventKind.Timer or EventKind.Terminate:
                Problem(element, node.Id, $"an intermediate throw event cannot be a {eventKind.ToString().ToLowerInvariant()} event");
                break;
            case ElementKind.BoundaryEvent:
                ValidateBoundary(node, element);
                break;
            case ElementKind.CallActivity when node.CallActivity is null:
                Problem(element, node.Id, "a call activity needs a called process id (zeebe:calledElement processId)");
                break;
            case ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway or ElementKind.ParallelGateway or ElementKind.EventBasedGateway:
                ValidateGateway(node, element);
                break;
        }

        if (node.Kind == ElementKind.StartEvent && node.Parent!.Kind == ElementKind.EventSubProcess && eventKind == EventKind.Message && node.Event.CorrelationKey is null)
        {
            Problem(element, node.Id, "a message start event of an event subprocess needs a correlation key (zeebe:subscription correlationKey)");
        }
    }

    private void ValidateMessageCatch(FlowNode node, XElement element, string? messageRef)
    {
        if (node.Kind == ElementKind.ReceiveTask)
        {
            if (messageRef is null || !_messages.TryGetValue(messageRef, out var message) || message.Name is null)
            {
                Problem(element, node.Id, $"the receive task has no message with a name (messageRef '{messageRef}')");
                return;
            }

            node.Event = new EventDefinition { Kind = EventKind.Message, MessageName = message.Name, CorrelationKey = message.CorrelationKey };
        }

        if (node.Event.MessageName is not null && node.Event.CorrelationKey is null)
        {
            Problem(element, node.Id, $"{KindName(node)} needs a correlation key (zeebe:subscription correlationKey on the message)");
        }
    }

    private void ValidateBoundary(FlowNode node, XElement element)
    {
        switch (node.Event.Kind)
        {
            case EventKind.Message:
                ValidateMessageCatch(node, element, null);
                break;
            case EventKind.Error when !node.Interrupting:
                Problem(element, node.Id, "an error boundary event is always interrupting");
                break;
            case EventKind.Timer or EventKind.Error or EventKind.Escalation or EventKind.Signal:
                break;
            case EventKind.Compensation when node.Outgoing.Count > 0:
                Problem(element, node.Id, "a compensation boundary event has no outgoing sequence flows; an association ties it to its handler");
                break;
            case EventKind.Compensation:
                break;
            default:
                Problem(element, node.Id, $"a boundary event needs a timer, message, error, escalation, signal or compensation definition, not {node.Event.Kind.ToString().ToLowerInvariant()}");
                break;
        }

        if (node.Incoming.Count > 0)
        {
            Problem(element, node.Id, "a boundary event has no incoming sequence flows");
        }
    }

    /// <summary>
    /// Ties each compensation boundary event to the handler its association points at, and checks the handlers (activities
    /// outside the flow, each undoing one activity) and the activities that compensation throw events name.
    /// </summary>
    private void ResolveCompensation()
    {
        var handlers = new HashSet<FlowNode>();
        foreach (var boundary in _elements.Values.Where(n => n.Kind == ElementKind.BoundaryEvent && n.Event.Kind == EventKind.Compensation && n.AttachedTo is not null))
        {
            var activity = boundary.AttachedTo!;
            var targets = _associations.Where(a => a.Source == boundary.Id).Select(a => a.Target).ToList();
            if (targets.Count == 1 && targets[0] is { } refusedTarget && _refused.Contains(refusedTarget))
            {
                // The handler itself was refused (an unsupported element): that is the one problem to report.
                continue;
            }

            if (targets.Count != 1 || targets[0] is not { } target || !_elements.TryGetValue(target, out var handler)
                || !handler.IsForCompensation || !handler.IsActivity || handler.Parent != boundary.Parent)
            {
                Problem(boundary.Id, boundary.Line, 0,
                    "a compensation boundary event needs an association to one compensation handler: an activity with isForCompensation=\"true\" in the same scope");
            }
            else if (activity.CompensationHandler is not null)
            {
                Problem(boundary.Id, boundary.Line, 0, $"'{activity.Id}' has more than one compensation boundary event");
                handlers.Add(handler);
            }
            else
            {
                activity.CompensationHandler = handler;
                handlers.Add(handler);
            }
        }

        foreach (var handler in _elements.Values.Where(n => n.IsForCompensation && !_refused.Contains(n.Id)))
        {
            if (!handler.IsActivity)
            {
                Problem(handler.Id, handler.Line, 0, $"only an activity can be a compensation handler (isForCompensation), not {KindName(handler)}");
            }
            else if (handler.Incoming.Count > 0 || handler.Outgoing.Count > 0)
            {
                Problem(handler.Id, handler.Line, 0, "a compensation handler has no incoming or outgoing sequence flows: compensation starts it, and it ends when it completes");
            }
            else if (!handlers.Contains(handler))
            {
                Problem(handler.Id, handler.Line, 0, "the compensation handler is not associated with a compensation boundary event, so nothing would ever start it");
            }
            else if (handler.BoundaryEvents.Count > 0)
            {
                Problem(handler.Id, handler.Line, 0, "a compensation handler has no boundary events (Zeebe refuses them too)");
            }
            else if (handler.Kind == ElementKind.ReceiveTask)
            {
                Problem(handler.Id, handler.Line, 0, "a receive task cannot be a compensation handler: nothing would ever deliver its message (Zeebe refuses it too)");
            }
        }

        foreach (var thrower in _elements.Values.Where(n => n.Kind is ElementKind.IntermediateThrowEvent or ElementKind.EndEvent
            && n.Event is { Kind: EventKind.Compensation, ActivityRef: not null }))
        {
            var reference = thrower.Event.ActivityRef!;
            var scope = CompensationScope(thrower);
            if (!_elements.TryGetValue(reference, out var activity) || !activity.IsActivity || !Reachable(activity, scope, thrower))
            {
                Problem(thrower.Id, thrower.Line, 0, $"the compensation {KindName(thrower)} refers to '{reference}', which is not an activity in its scope");
            }
            else if (activity.CompensationHandler is null && activity.Kind != ElementKind.SubProcess)
            {
                Problem(thrower.Id, thrower.Line, 0, $"the compensation {KindName(thrower)} refers to '{reference}', which has no compensation boundary event to undo it");
            }
        }
    }

    /// <summary>The scope whose completed activities a compensation throw event undoes: its own, or, inside an event subprocess, the one around it.</summary>
    internal static FlowNode CompensationScope(FlowNode thrower) =>
        thrower.Parent!.Kind == ElementKind.EventSubProcess ? thrower.Parent.Parent! : thrower.Parent;

    /// <summary>
    /// True when <paramref name="activity"/> lies in <paramref name="scope"/> (directly or in an embedded subprocess) where a
    /// completion outlives its scope: what completes in an event subprocess ends with it, unless the thrower is inside it.
    /// </summary>
    private static bool Reachable(FlowNode activity, FlowNode scope, FlowNode thrower)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent == scope)
            {
                return true;
            }

            if (parent.Kind == ElementKind.EventSubProcess && !IsInside(thrower, parent))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsInside(FlowNode node, FlowNode scope)
    {
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent == scope)
            {
                return true;
            }
        }

        return false;
    }

    private void ValidateGateway(FlowNode node, XElement element)
    {
        if (node.Outgoing.Count == 0)
        {
            Problem(element, node.Id, $"the {KindName(node)} has no outgoing sequence flow");
            return;
        }

        switch (node.Kind)
        {
            case ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway when node.Outgoing.Count > 1:
                foreach (var flow in node.Outgoing.Where(f => f.Condition is null && f != node.DefaultFlow && !_flowsWithConditionText.Contains(f.Id)))
                {
                    Problem(element, flow.Id, $"the flow leaves {KindName(node)} '{node.Id}' without a condition and is not its default flow, so it can never be taken on purpose");
                }

                break;
            case ElementKind.ParallelGateway when node.Outgoing.Any(f => f.Condition is not null):
                Problem(element, node.Id, "flows leaving a parallel gateway have no conditions");
                break;
            case ElementKind.EventBasedGateway:
                if (node.Outgoing.Count < 2)
                {
                    Problem(element, node.Id, "an event-based gateway needs at least two outgoing flows");
                }

                foreach (var flow in node.Outgoing.Where(f => !IsEventGatewayTarget(f.Target)))
                {
                    Problem(element, flow.Id, $"a flow leaving an event-based gateway must lead to a message, timer or signal intermediate catch event or a receive task, not '{flow.Target.Id}'");
                }

                break;
        }
    }

    private static bool IsEventGatewayTarget(FlowNode target) =>
        target.Kind == ElementKind.ReceiveTask
        || (target.Kind == ElementKind.IntermediateCatchEvent && target.Event.Kind is EventKind.Message or EventKind.Timer or EventKind.Signal);

    private ModelExpression? Expression(XElement? element, string? id, string what, string? text)
    {
        if (text is null || element is null)
        {
            return null;
        }

        if (ModelExpression.TryCreate(text, _feel, out var expression, out var error))
        {
            return expression;
        }

        Problem(element, id, $"{what}: {error}");
        return null;
    }

    private static string KindName(FlowNode node) => node.Kind switch
    {
        ElementKind.StartEvent => "start event",
        ElementKind.EndEvent => "end event",
        ElementKind.IntermediateCatchEvent => "intermediate catch event",
        ElementKind.IntermediateThrowEvent => "intermediate throw event",
        ElementKind.BoundaryEvent => "boundary event",
        ElementKind.ServiceTask => "a service task",
        ElementKind.SendTask => "a send task",
        ElementKind.BusinessRuleTask => "a business rule task",
        ElementKind.ExclusiveGateway => "exclusive gateway",
        ElementKind.InclusiveGateway => "inclusive gateway",
        ElementKind.ParallelGateway => "parallel gateway",
        ElementKind.EventBasedGateway => "event-based gateway",
        _ => node.Kind.ToString(),
    };

    private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;

    private void Problem(XElement element, string? id, string message)
    {
        var info = (IXmlLineInfo)element;
        Problem(id, info.LineNumber, info.LinePosition, message);
    }

    private void Problem(string? id, int line, int column, string message) => _problems.Add(new ModelProblem(_resource, id, line, column, message));
}

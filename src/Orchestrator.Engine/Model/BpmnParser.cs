using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Orchestrator.Dmn.Parsing;
using Orchestrator.Engine.Elements;
using Orchestrator.Engine.Elements.MultiInstanceBodies;
using Orchestrator.Engine.Elements.UserTasks;
using Orchestrator.Feel;
using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Model;

/// <summary>
/// Reads BPMN 2.0 XML with Camunda 8 (<c>zeebe:</c>) extensions into validated <see cref="ProcessModel"/>s.
/// Diagram interchange, documentation, lanes, collaborations and other vendors' extensions are
/// ignored. Every problem is collected (element id and line each); a resource with any problem
/// yields no process, because the engine never deploys what it cannot run.
/// </summary>
public sealed partial class BpmnParser
{
    /// <summary>Resources larger than this (in characters) are refused before parsing; the server's deployment limit is as large.</summary>
    public const int MaxResourceLength = 32 * 1024 * 1024;

    /// <summary>The longest process id (and DMN decision or model id) a deployment may give.</summary>
    public const int MaxIdLength = 256;

    /// <summary>How deeply subprocesses may nest: deep enough for any model, shallow enough to parse and run without running out of stack.</summary>
    public const int MaxScopeDepth = 100;

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

        if (ModelXml.TooDeep(xml) is { } deep)
        {
            Problem(null, deep.Line, deep.Column, $"elements nest more than {ModelXml.MaxDepth} levels deep here; no model needs as many");
            return [];
        }

        XDocument document;
        try
        {
            document = ModelXml.Load(xml);
        }
        catch (XmlException ex)
        {
            Problem(null, ModelXml.Line(ex, xml), ex.LinePosition, $"malformed XML: {ex.Message}");
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

            if (id.Length > MaxIdLength)
            {
                // Indexed in the database, where PostgreSQL refuses an index entry over 8 KiB and the node would stop.
                Problem(process, id[..40] + "…", $"the process id is {id.Length} characters long; at most {MaxIdLength} are allowed");
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
                Problem(stray, (string?)stray.Attribute("id"), (string?)stray.Attribute("sourceRef") is { } sourceRef
                    ? $"the sequence flow's source '{sourceRef}' is not an element of this process"
                    : "the sequence flow has no sourceRef");
            }

            ResolveCompensation();
            processes.Add(new ProcessModel(id, node.Name, node, _elements) { Tracking = ReadTracking(process, node) });
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
            _messages[id] = (Expression(message, id, "name", Named(message)), Expression(message, id, "correlationKey", key));
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
            _signals[id] = Expression(signal, id, "name", Named(signal));
        }
    }

    /// <summary>A message's or signal's name; an empty one is no name (an event that refers to it is refused for that).</summary>
    private static string? Named(XElement element) => (string?)element.Attribute("name") is { } name && !string.IsNullOrWhiteSpace(name) ? name : null;

    private void ParseScope(XElement scopeElement, FlowNode scope, int depth)
    {
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

            if (!ElementTable.TryFind(local, out var type))
            {
                Problem(child, id, $"<{local}> is not a supported BPMN element");
                continue;
            }

            if (string.IsNullOrWhiteSpace(id))
            {
                Problem(child, null, $"<{local}> has no id");
                continue;
            }

            var node = new FlowNode(id, type.Resolve(child).Kind, Line(child)) { Name = (string?)child.Attribute("name"), Parent = scope };
            if (!_elements.TryAdd(id, node))
            {
                Problem(child, id, $"the id '{id}' is used by more than one element");
                continue;
            }

            scope.AddChild(node);
            nodeElements.Add((node, child));
        }

        foreach (var (node, element) in nodeElements)
        {
            ParseNode(node, element);
        }

        ParseFlows(scopeElement, scope, nodeElements);
        foreach (var (node, element) in nodeElements)
        {
            ElementTable.For(node.Kind).Link(this, node, element);
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

    private void ParseNode(FlowNode node, XElement element)
    {
        var type = ElementTable.For(node.Kind);
        var extensions = element.Element(Bpmn + "extensionElements");
        if (type is not UserTaskType)
        {
            RefuseTaskListeners(node, element);
        }

        node.Event = ReadEvent(node, element);
        ReadExecutionListeners(element, node);
        node.Properties = ReadProperties(element);
        node.Documentation = element.Element(Bpmn + "documentation")?.Value.Trim() is { Length: > 0 } documentation ? documentation : null;
        node.IsForCompensation = (string?)element.Attribute("isForCompensation") == "true";
        if (extensions?.Element(Zeebe + "taskDefinition") is { } task)
        {
            node.JobType = Expression(task, node.Id, "type", (string?)task.Attribute("type"));
            if (node.JobType is { IsExpression: false, Literal: var jobType } && string.IsNullOrWhiteSpace(jobType))
            {
                Problem(task, node.Id, "the task type (zeebe:taskDefinition type) must not be empty");
            }

            node.JobRetries = Expression(task, node.Id, "retries", (string?)task.Attribute("retries"));
            WholeNumber(task, node.Id, "retries", node.JobRetries, 0, int.MaxValue);
        }

        if (extensions?.Element(Zeebe + "taskHeaders") is { } headers)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var header in headers.Elements(Zeebe + "header"))
            {
                map[(string?)header.Attribute("key") ?? string.Empty] = (string?)header.Attribute("value") ?? string.Empty;
            }

            node.Headers = map;
        }

        if (extensions?.Element(Zeebe + "ioMapping") is { } io)
        {
            node.Inputs = ReadMappings(node, io, "input");
            node.Outputs = ReadMappings(node, io, "output");
        }

        type.Read(this, node, element, extensions);
        MultiInstanceReader.Read(this, node, element);
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
    internal static string? Reference(XElement element, string attribute)
    {
        var value = (string?)element.Attribute(attribute);
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && element.GetNamespaceOfPrefix(value![..colon]) is not null ? value[(colon + 1)..] : value;
    }

    /// <summary>Adds an element (when it has an id) to those whose knock-on problems are left out: a refused one, or one whose flow led to or from it.</summary>
    internal void MarkRefused(string? id)
    {
        if (id is not null)
        {
            _refused.Add(id);
        }
    }

    private void ValidateScope(XElement element, FlowNode scope)
    {
        var starts = scope.Children.Where(c => c.Kind == ElementKind.StartEvent).ToList();
        ElementTable.For(scope.Kind).ValidateContent(this, scope, element, starts);
        scope.NoneStart = starts.FirstOrDefault(s => s.Event.Kind == EventKind.None);
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
        if (!_refused.Contains(node.Id))
        {
            ElementTable.For(node.Kind).Validate(this, node, element);
        }
    }

    /// <summary>Whether an element was refused already (its knock-on problems are left out).</summary>
    internal bool IsRefused(string id) => _refused.Contains(id);

    /// <summary>The element of this resource with the id, once its scope is read.</summary>
    internal FlowNode? FindElement(string id) => _elements.GetValueOrDefault(id);

    /// <summary>Whether a flow has condition text, even one that did not compile (its problem is reported already).</summary>
    internal bool HasConditionText(string flowId) => _flowsWithConditionText.Contains(flowId);

    /// <summary>The named message a reference points to.</summary>
    internal bool TryGetMessage(string? messageRef, out (ModelExpression Name, ModelExpression? CorrelationKey) message)
    {
        if (messageRef is not null && _messages.TryGetValue(messageRef, out var found) && found.Name is { } name)
        {
            message = (name, found.CorrelationKey);
            return true;
        }

        message = default;
        return false;
    }

    /// <summary>Compiles an expression of the model; a problem (and null) when it does not compile.</summary>
    internal ModelExpression? Expression(XElement? element, string? id, string what, string? text)
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

    /// <summary>
    /// Refuses a literal that is not a whole number from <paramref name="min"/> to <paramref name="max"/>, which would otherwise
    /// raise an incident each time the element runs; a FEEL expression is checked when it is evaluated.
    /// </summary>
    internal void WholeNumber(XElement element, string id, string what, ModelExpression? value, int min, int max)
    {
        if (value is { IsExpression: false } literal
            && !(int.TryParse(literal.Literal, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max))
        {
            Problem(element, id, $"{what} '{Shorten(literal.Literal)}' is not a whole number from {min} to {max}");
        }
    }

    /// <summary>Refuses a literal that is not an ISO 8601 date and time (FEEL is checked when it is evaluated).</summary>
    internal void DateAndTime(XElement element, string id, string what, ModelExpression? value)
    {
        if (value is { IsExpression: false } literal && !string.IsNullOrWhiteSpace(literal.Literal)
            && !(FeelTemporal.TryParse(literal.Literal.Trim(), out var parsed) && parsed is FeelDateTime))
        {
            Problem(element, id, $"{what} '{Shorten(literal.Literal)}' is not an ISO 8601 date and time (such as 2026-12-24T18:00:00+08:00)");
        }
    }

    /// <summary>A value short enough to quote in a problem.</summary>
    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    /// <summary>How problems name an element kind.</summary>
    internal static string KindName(FlowNode node) => node.Kind switch
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

    /// <summary>Records a problem at an XML element, with the id of the model element it concerns.</summary>
    internal void Problem(XElement element, string? id, string message)
    {
        var info = (IXmlLineInfo)element;
        Problem(id, info.LineNumber, info.LinePosition, message);
    }

    private void Problem(string? id, int line, int column, string message) => _problems.Add(new ModelProblem(_resource, id, line, column, message));
}

using System.Xml.Linq;
using CsCheck;
using Orchestrator.Fuzz.Tests.Feel;

namespace Orchestrator.Fuzz.Tests.Bpmn;

/// <summary>
/// One structural edit of a BPMN document: drop, duplicate, rename or move an element; drop, add or change an attribute
/// (references rewired to other ids or broken, FEEL in expression attributes, huge values); put FEEL or timer text into an
/// element; add Zeebe extensions with FEEL; wrap an element in nested subprocesses. Targets are indexes into the document's
/// elements and attributes, taken modulo their count, so an edit applies to any document.
/// </summary>
internal sealed record BpmnMutation(int Kind, int Target, int Other, string Value)
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    /// <summary>How deeply an edit nests subprocesses: past the parser's limit (<c>BpmnParser.MaxScopeDepth</c>), which it must refuse.</summary>
    public const int MaxWrapDepth = 150;

    private static readonly string[] ElementNames =
    [
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "serviceTask", "sendTask", "scriptTask",
        "receiveTask", "userTask", "manualTask", "task", "businessRuleTask", "exclusiveGateway", "parallelGateway", "inclusiveGateway",
        "eventBasedGateway", "subProcess", "callActivity", "sequenceFlow", "process", "message", "error", "signal", "escalation",
        "timerEventDefinition", "messageEventDefinition", "errorEventDefinition", "signalEventDefinition", "escalationEventDefinition",
        "terminateEventDefinition", "linkEventDefinition", "compensateEventDefinition", "conditionalEventDefinition", "complexGateway",
        "transaction", "adHocSubProcess", "multiInstanceLoopCharacteristics", "standardLoopCharacteristics", "extensionElements", "definitions",
        "conditionExpression", "timeDate", "timeDuration", "timeCycle", "completionCondition", "bogus",
    ];

    private static readonly string[] AttributeNames =
    [
        "id", "name", "sourceRef", "targetRef", "default", "attachedToRef", "messageRef", "errorRef", "signalRef", "escalationRef", "cancelActivity",
        "isInterrupting", "triggeredByEvent", "isExecutable", "isSequential", "errorCode", "escalationCode", "type", "retries", "source", "target",
        "processId", "inputCollection", "inputElement", "outputCollection", "outputElement", "correlationKey", "expression", "resultVariable",
        "candidateGroups", "assignee", "dueDate", "followUpDate", "priority", "formId", "formKey",
    ];

    private static readonly string[] Texts =
    [
        "", " ", "=", "=x", "=true", "=amount > 100", "PT1H", "P1D", "PT0S", "-PT1H", "R/PT1S", "R5/PT1M", "R0/PT1H", "R-1/PT1H", "R/P0D",
        "2024-03-15T10:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "0 0 * * * ?", "* * * * * *", "0 0 0 31 2 ?", "P999999999Y",
        "=duration(\"P999999999Y\")", "=date and time(\"2024-01-01T00:00:00\")", "=now() - @\"P1D\"", "=[1,2,3]", "=null", "true", "false", "-1",
        "2147483648", "99999999999999999999", "not a number", "function", "=for i in 1..100000 return i", "=items", "=1..1000",
    ];

    /// <summary>An edit.</summary>
    public static Gen<BpmnMutation> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.Int[0, 11], CsCheck.Gen.Int[0, 10_000], CsCheck.Gen.Int[0, 10_000],
        CsCheck.Gen.Frequency<string>(
            (4, CsCheck.Gen.OneOf(Texts)),
            (4, FeelGrammar.Expression.Select(e => "=" + e)),
            (2, CsCheck.Gen.OneOf(ElementNames)),
            (1, CsCheck.Gen.Int[1_000, 200_000].Select(n => new string('x', n)))),
        (kind, target, other, value) => new BpmnMutation(kind, target, other, value));

    /// <summary>Applies the edits in order to a copy of <paramref name="xml"/>; the result may be any text (a removed root leaves an empty document).</summary>
    public static string Apply(string xml, IEnumerable<BpmnMutation> edits)
    {
        var document = XDocument.Parse(xml);
        foreach (var edit in edits)
        {
            edit.ApplyTo(document);
        }

        return document.Root is null ? string.Empty : document.ToString(SaveOptions.DisableFormatting);
    }

    private void ApplyTo(XDocument document)
    {
        var elements = document.Descendants().ToList();
        if (elements.Count == 0)
        {
            return;
        }

        var element = elements[Target % elements.Count];
        var other = elements[Other % elements.Count];
        var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToList();
        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        switch (Kind)
        {
            case 0 when element.Parent is not null:
                element.Remove();
                break;
            case 1 when element.Parent is not null:
                element.AddAfterSelf(new XElement(element));
                break;
            case 2:
                element.Name = (element.Name.Namespace == Zeebe ? Zeebe : Bpmn) + ElementNames[Other % ElementNames.Length];
                break;
            case 3 when attributes.Count > 0:
                attributes[Other % attributes.Count].Remove();
                break;
            case 4 when attributes.Count > 0 && ids.Count > 0:
                attributes[Other % attributes.Count].Value = ids[Target % ids.Count];
                break;
            case 5 when attributes.Count > 0:
                attributes[Other % attributes.Count].Value = Value;
                break;
            case 6:
                element.SetAttributeValue(AttributeNames[Other % AttributeNames.Length], Value.Length % 3 == 0 && ids.Count > 0 ? ids[Other % ids.Count] : Value);
                break;
            case 7 when !element.HasElements:
                element.Value = Value;
                break;
            case 8 when element.Parent is not null && !other.AncestorsAndSelf().Contains(element):
                element.Remove();
                other.Add(element);
                break;
            case 9 when element.Parent is not null:
                Wrap(element, 1 + (Other % MaxWrapDepth));
                break;
            case 10:
                AddExtensions(element);
                break;
            default:
                element.SetAttributeValue("id", ids.Count > 0 ? ids[Other % ids.Count] : Value);
                break;
        }
    }

    /// <summary>Puts the element inside <paramref name="depth"/> nested subprocesses (each with a start event, so some stay valid).</summary>
    private void Wrap(XElement element, int depth)
    {
        var inner = new XElement(element);
        for (var i = 0; i < depth; i++)
        {
            inner = new XElement(Bpmn + "subProcess", new XAttribute("id", $"wrap_{Target}_{i}"),
                new XElement(Bpmn + "startEvent", new XAttribute("id", $"wrap_{Target}_{i}_start")),
                inner);
        }

        element.ReplaceWith(inner);
    }

    private void AddExtensions(XElement element)
    {
        var extensions = element.Element(Bpmn + "extensionElements");
        if (extensions is null)
        {
            extensions = new XElement(Bpmn + "extensionElements");
            element.AddFirst(extensions);
        }

        extensions.Add((Other % 6) switch
        {
            0 => new XElement(Zeebe + "taskDefinition", new XAttribute("type", Value), new XAttribute("retries", Value)),
            1 => new XElement(Zeebe + "ioMapping", new XElement(Zeebe + "input", new XAttribute("source", Value), new XAttribute("target", "fuzzIn")),
                new XElement(Zeebe + "output", new XAttribute("source", Value), new XAttribute("target", "fuzzOut"))),
            2 => new XElement(Zeebe + "loopCharacteristics", new XAttribute("inputCollection", Value), new XAttribute("inputElement", "each"),
                new XAttribute("outputCollection", "results"), new XAttribute("outputElement", Value)),
            3 => new XElement(Zeebe + "calledElement", new XAttribute("processId", Value)),
            4 => new XElement(Zeebe + "subscription", new XAttribute("correlationKey", Value)),
            _ => new XElement(Zeebe + "taskSchedule", new XAttribute("dueDate", Value), new XAttribute("followUpDate", Value)),
        });
    }
}

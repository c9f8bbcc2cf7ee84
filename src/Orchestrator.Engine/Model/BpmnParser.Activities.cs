using System.Xml.Linq;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Model;

/// <summary>What activities carry: user task definitions, ad-hoc subprocesses, multi-instance loops, input and output mappings.</summary>
public sealed partial class BpmnParser
{
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
}

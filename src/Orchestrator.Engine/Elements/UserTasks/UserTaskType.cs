using System.Xml.Linq;
using Orchestrator.Engine.Model;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Elements.UserTasks;

/// <summary>
/// The user task: a Camunda user task (<c>zeebe:userTask</c>) with its assignment, schedule, priority, form and task listeners,
/// or without it a job of type <c>io.camunda.zeebe:userTask</c>, as Camunda runs it.
/// </summary>
internal sealed class UserTaskType() : ElementType(ElementKind.UserTask, "userTask", new UserTaskBehavior())
{
    public override void Read(BpmnParser parser, FlowNode node, XElement element, XElement? extensions)
    {
        var listeners = parser.ReadTaskListeners(node, element);
        if (extensions is null)
        {
            return;
        }

        var assignment = extensions.Element(Zeebe + "assignmentDefinition");
        var schedule = extensions.Element(Zeebe + "taskSchedule");
        var priority = extensions.Element(Zeebe + "priorityDefinition");
        var form = extensions.Element(Zeebe + "formDefinition");
        node.UserTask = new UserTaskDefinition
        {
            IsZeebeUserTask = extensions.Element(Zeebe + "userTask") is not null,
            Assignee = parser.Expression(assignment, node.Id, "assignee", (string?)assignment?.Attribute("assignee")),
            CandidateGroups = parser.Expression(assignment, node.Id, "candidateGroups", (string?)assignment?.Attribute("candidateGroups")),
            CandidateUsers = parser.Expression(assignment, node.Id, "candidateUsers", (string?)assignment?.Attribute("candidateUsers")),
            DueDate = parser.Expression(schedule, node.Id, "dueDate", (string?)schedule?.Attribute("dueDate")),
            FollowUpDate = parser.Expression(schedule, node.Id, "followUpDate", (string?)schedule?.Attribute("followUpDate")),
            Priority = parser.Expression(priority, node.Id, "priority", (string?)priority?.Attribute("priority")),
            FormId = (string?)form?.Attribute("formId"),
            FormKey = (string?)form?.Attribute("formKey"),
            ExternalReference = parser.Expression(form, node.Id, "externalReference", (string?)form?.Attribute("externalReference")),
            Listeners = listeners,
        };
        if (schedule is not null)
        {
            parser.DateAndTime(schedule, node.Id, "dueDate", node.UserTask.DueDate);
            parser.DateAndTime(schedule, node.Id, "followUpDate", node.UserTask.FollowUpDate);
        }

        // As the task runs: an empty priority is the default one.
        if (priority is not null && !string.IsNullOrWhiteSpace(node.UserTask.Priority?.Text))
        {
            parser.WholeNumber(priority, node.Id, "priority", node.UserTask.Priority, 0, 100);
        }
    }
}

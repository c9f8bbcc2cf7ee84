using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.UserTasks;

/// <summary>A Camunda user task (<c>zeebe:userTask</c>): creates a <see cref="UserTask"/> with its assignment, schedule, priority and form, and waits.</summary>
internal sealed class UserTaskBehavior : IElementBehavior
{
    private readonly JobWorkerBehavior _jobBased = new();

    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var definition = element.Node.UserTask;
        if (definition is not { IsZeebeUserTask: true })
        {
            _jobBased.Activate(runner, instance, element);
            return;
        }

        if (!TryText(runner, instance, element, definition.Assignee, "the assignee", out var assignee)
            || !TryList(runner, instance, element, definition.CandidateGroups, "the candidate groups", out var groups)
            || !TryList(runner, instance, element, definition.CandidateUsers, "the candidate users", out var users)
            || !TryDate(runner, instance, element, definition.DueDate, "the due date", out var due)
            || !TryDate(runner, instance, element, definition.FollowUpDate, "the follow-up date", out var followUp)
            || !TryPriority(runner, instance, element, definition.Priority, out var priority))
        {
            return;
        }

        long? formKey = null;
        if (definition.FormId is { } formId)
        {
            if (runner.Store.Definitions.GetLatestForm(formId) is not { } form)
            {
                runner.Incidents.Raise(instance, element, IncidentType.ExtractValueError, $"Expected to find a form with id '{formId}', but no form with this id is deployed");
                return;
            }

            formKey = form.Key;
        }

        string? externalReference = null;
        if (definition.ExternalReference is { } reference && !runner.Variables.TryEvaluateString(instance, element, reference, IncidentType.ExtractValueError, "the external form reference", out externalReference))
        {
            return;
        }

        // No assignee is an empty one too. With assigning listeners, the model's assignee is assigned through them once the task
        // is created, as Camunda does.
        assignee = string.IsNullOrEmpty(assignee) ? null : assignee;
        if (TextLimits.CheckAssignee(assignee) is { } tooLong)
        {
            runner.Incidents.Raise(instance, element, IncidentType.ExtractValueError, $"the assignee of '{element.Node.Id}': {tooLong}");
            return;
        }

        var assignLater = assignee is not null && definition.ListenersOf(ListenerEventType.Assigning).Any();
        var task = new UserTask
        {
            Key = runner.Store.NextKey(),
            ProcessInstanceKey = instance.Key,
            ElementInstanceKey = element.Key,
            ElementId = element.Node.Id,
            Name = element.Node.Name,
            Definition = instance.Definition,
            Assignee = assignLater ? null : assignee,
            CandidateGroups = groups,
            CandidateUsers = users,
            DueDate = due,
            FollowUpDate = followUp,
            Priority = priority,
            FormId = definition.FormId,
            FormKey = formKey,
            ExternalFormReference = externalReference,
            CreationDate = runner.Now,
        };
        runner.Store.AddUserTask(task);
        element.UserTaskKey = task.Key;
        if (assignLater || definition.ListenersOf(ListenerEventType.Creating).Count > 0)
        {
            runner.TaskListeners.ChangeUserTask(instance, element, task, new UserTaskTransition { Event = ListenerEventType.Creating, Action = "create", ThenAssign = assignLater ? assignee : null });
        }
        else
        {
            runner.TaskListeners.TaskCreated(instance, element, task);
        }
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => element.Node.Outgoing;

    /// <summary>
    /// An open task (also one its listeners are deciding a change of) is canceled; the change is dropped. With canceling
    /// listeners the task is CANCELING while their jobs run, and the element waits for them.
    /// </summary>
    public void OnTerminate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        if (element.UserTaskKey is { } taskKey && runner.Store.GetUserTask(taskKey) is { IsOpen: true } task)
        {
            element.TaskTransition = null;
            element.ListenerIndex = 0;
            runner.TaskListeners.ChangeUserTask(instance, element, task, new UserTaskTransition { Event = ListenerEventType.Canceling, Action = "cancel" });
        }
    }

    /// <summary>The task is no longer canceling.</summary>
    public bool IsTerminated(Runner runner, ElementInstance element) =>
        element.UserTaskKey is not { } taskKey || runner.Store.GetUserTask(taskKey) is not { State: UserTaskState.Canceling };

    private static bool TryText(Runner runner, ProcessInstance instance, ElementInstance element, ModelExpression? expression, string what, out string? text)
    {
        text = null;
        if (expression is null || string.IsNullOrWhiteSpace(expression.Text))
        {
            return true;
        }

        if (!runner.Variables.TryEvaluate(instance, element, expression, IncidentType.ExtractValueError, what, out var value))
        {
            return false;
        }

        text = value switch
        {
            FeelString s => s.Value,
            FeelNull => null,
            _ => value.ToString(),
        };
        return true;
    }

    private static bool TryList(Runner runner, ProcessInstance instance, ElementInstance element, ModelExpression? expression, string what, out IReadOnlyList<string> items)
    {
        items = [];
        if (expression is null || string.IsNullOrWhiteSpace(expression.Text))
        {
            return true;
        }

        if (!runner.Variables.TryEvaluate(instance, element, expression, IncidentType.ExtractValueError, what, out var value))
        {
            return false;
        }

        switch (value)
        {
            case FeelList list when list.Items.All(i => i is FeelString):
                items = list.Items.Select(i => ((FeelString)i).Value).ToList();
                return true;
            case FeelString s:
                items = s.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return true;
            case FeelNull:
                return true;
            default:
                runner.Incidents.Raise(instance, element, IncidentType.ExtractValueError, $"expected {what} '{expression.Text}' to be a list of strings but it was '{value}'");
                return false;
        }
    }

    private static bool TryDate(Runner runner, ProcessInstance instance, ElementInstance element, ModelExpression? expression, string what, out DateTimeOffset? date)
    {
        date = null;
        if (expression is null || string.IsNullOrWhiteSpace(expression.Text))
        {
            return true;
        }

        if (!runner.Variables.TryEvaluate(instance, element, expression, IncidentType.ExtractValueError, what, out var value))
        {
            return false;
        }

        if (value is FeelString s && FeelTemporal.TryParse(s.Value, out var parsed))
        {
            value = parsed;
        }

        switch (value)
        {
            case FeelDateTime dt:
                date = dt.Instant ?? new DateTimeOffset(dt.Local, TimeSpan.Zero);
                return true;
            case FeelNull:
                return true;
            default:
                runner.Incidents.Raise(instance, element, IncidentType.ExtractValueError, $"expected {what} '{expression.Text}' to be an ISO 8601 date and time but it was '{value}'");
                return false;
        }
    }

    private static bool TryPriority(Runner runner, ProcessInstance instance, ElementInstance element, ModelExpression? expression, out int priority)
    {
        priority = 50;
        if (expression is null || string.IsNullOrWhiteSpace(expression.Text))
        {
            return true;
        }

        if (!runner.Variables.TryEvaluate(instance, element, expression, IncidentType.ExtractValueError, "the priority", out var value))
        {
            return false;
        }

        var number = value switch
        {
            FeelNumber n => n.Value,
            FeelString s when decimal.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
            _ => -1m,
        };
        if (number is < 0 or > 100 || !decimal.IsInteger(number))
        {
            runner.Incidents.Raise(instance, element, IncidentType.ExtractValueError, $"expected the priority '{expression.Text}' to be a whole number from 0 to 100 but it was '{value}'");
            return false;
        }

        priority = (int)number;
        return true;
    }
}

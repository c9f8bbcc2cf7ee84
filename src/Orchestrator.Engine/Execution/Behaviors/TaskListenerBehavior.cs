using System.Globalization;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution.Behaviors;

/// <summary>
/// Task listeners, as Camunda 8.8 runs them: a user task being created, assigned, updated, completed or canceled is in a
/// transitional state (CREATING, ASSIGNING, UPDATING, COMPLETING, CANCELING) while the jobs of that event's listeners run one
/// at a time; each may correct the change (assignee, dates, candidates, priority) and, except while creating or canceling,
/// deny it (the task is open again as it was). Once the last one is done the change takes effect. The listener job sees the task as the change would leave it.
/// A behaviour over the command's runner, as <see cref="VariableBehavior"/>.
/// </summary>
internal readonly struct TaskListenerBehavior(Runner runner)
{
    /// <summary>The attributes a change or correction may set, by Camunda's names.</summary>
    public static readonly IReadOnlyList<string> TaskAttributes = ["assignee", "candidateGroupsList", "candidateUsersList", "dueDate", "followUpDate", "priority"];

    /// <summary>
    /// Starts a change of an open task: with listeners for its event, the task waits in the transitional state for their jobs;
    /// without, the change takes effect at once. Returns the task's state afterwards and where its listeners started.
    /// </summary>
    public UserTaskChange ChangeUserTask(ProcessInstance instance, ElementInstance element, UserTask task, UserTaskTransition transition)
    {
        var listeners = element.Node.UserTask!.ListenersOf(transition.Event);
        if (listeners.Count == 0)
        {
            FinishTaskTransition(instance, element, task, transition);
            return new UserTaskChange(task.State, 0, task.Key, task.ProcessInstanceKey);
        }

        task.State = transition.Event switch
        {
            ListenerEventType.Creating => UserTaskState.Creating,
            ListenerEventType.Assigning => UserTaskState.Assigning,
            ListenerEventType.Updating => UserTaskState.Updating,
            ListenerEventType.Canceling => UserTaskState.Canceling,
            _ => UserTaskState.Completing,
        };
        element.TaskTransition = transition;
        element.ListenerIndex = 0;
        var since = runner.History(instance, task.Key, RecordValueType.UserTask, transition.Event switch
        {
            ListenerEventType.Creating => RecordIntent.Creating,
            ListenerEventType.Assigning => RecordIntent.Assigning,
            ListenerEventType.Updating => RecordIntent.Updating,
            ListenerEventType.Canceling => RecordIntent.Canceling,
            _ => RecordIntent.Completing,
        }, task.ElementId, transition.Action);
        CreateTaskListenerJob(instance, element, task, transition, listeners[0]);
        return new UserTaskChange(task.State, since, task.Key, task.ProcessInstanceKey);
    }

    /// <summary>
    /// A task listener's job completed: a denial ends the change (the task is open again, as it was); corrections are merged into
    /// the change; then the next listener's job is created, or the change takes effect.
    /// </summary>
    public void TaskListenerDone(ProcessInstance instance, ElementInstance element, Job job, UserTaskJobResult? result)
    {
        var task = runner.Store.GetUserTask(element.UserTaskKey!.Value)!;
        var transition = element.TaskTransition!;
        if (result is { Denied: true })
        {
            element.TaskTransition = null;
            element.ListenerIndex = 0;
            task.State = UserTaskState.Created;
            var denied = transition.Event switch
            {
                ListenerEventType.Assigning => RecordIntent.AssignmentDenied,
                ListenerEventType.Updating => RecordIntent.UpdateDenied,
                _ => RecordIntent.CompletionDenied,
            };
            runner.History(instance, task.Key, RecordValueType.UserTask, denied, task.ElementId, result.DeniedReason ?? string.Empty);
            return;
        }

        if (result?.Corrections is { Count: > 0 } corrections)
        {
            foreach (var (name, value) in corrections)
            {
                transition.Changes[name] = value;
            }

            runner.History(instance, task.Key, RecordValueType.UserTask, RecordIntent.Corrected, task.ElementId, string.Join(", ", corrections.Keys.Order(StringComparer.Ordinal)));
        }

        var listeners = element.Node.UserTask!.ListenersOf(transition.Event);
        element.ListenerIndex++;
        if (element.ListenerIndex < listeners.Count)
        {
            CreateTaskListenerJob(instance, element, task, transition, listeners[element.ListenerIndex]);
            return;
        }

        element.TaskTransition = null;
        element.ListenerIndex = 0;
        FinishTaskTransition(instance, element, task, transition);
    }

    /// <summary>Runs the current change's listeners again from the first (an incident on one of their job types was resolved).</summary>
    public void RestartTaskListeners(ProcessInstance instance, ElementInstance element)
    {
        var task = runner.Store.GetUserTask(element.UserTaskKey!.Value)!;
        var transition = element.TaskTransition!;
        element.ListenerIndex = 0;
        CreateTaskListenerJob(instance, element, task, transition, element.Node.UserTask!.ListenersOf(transition.Event)[0]);
    }

    private void FinishTaskTransition(ProcessInstance instance, ElementInstance element, UserTask task, UserTaskTransition transition)
    {
        foreach (var (name, value) in transition.Changes)
        {
            Apply(task, name, value);
        }

        switch (transition.Event)
        {
            case ListenerEventType.Creating:
                TaskCreated(instance, element, task);
                if (transition.ThenAssign is { } assignee)
                {
                    ChangeUserTask(instance, element, task, new UserTaskTransition { Event = ListenerEventType.Assigning, Action = "assign", Changes = { ["assignee"] = new FeelString(assignee) } });
                }

                break;
            case ListenerEventType.Assigning:
                task.State = UserTaskState.Created;
                runner.History(instance, task.Key, RecordValueType.UserTask, task.Assignee is null ? RecordIntent.Unassigned : RecordIntent.Assigned, task.ElementId, task.Assignee);
                break;
            case ListenerEventType.Updating:
                task.State = UserTaskState.Created;
                foreach (var (name, value) in transition.Variables ?? [])
                {
                    runner.Variables.SetLocal(instance, element, name, value);
                }

                runner.History(instance, task.Key, RecordValueType.UserTask, RecordIntent.Updated, task.ElementId, null);
                break;
            case ListenerEventType.Canceling:
                TaskCanceled(instance, element, task);
                runner.ContinueTermination(instance, element);
                break;
            default:
                CompleteTask(instance, element, task, transition.Variables);
                break;
        }
    }

    /// <summary>The task's element was terminated: the task is canceled.</summary>
    private void TaskCanceled(ProcessInstance instance, ElementInstance element, UserTask task)
    {
        task.State = UserTaskState.Canceled;
        task.CompletionDate = runner.Now;
        runner.History(instance, task.Key, RecordValueType.UserTask, RecordIntent.Canceled, element.Node.Id, null);
    }

    /// <summary>The task is open: task lists hear of it.</summary>
    public void TaskCreated(ProcessInstance instance, ElementInstance element, UserTask task)
    {
        task.State = UserTaskState.Created;
        runner.History(instance, task.Key, RecordValueType.UserTask, RecordIntent.Created, element.Node.Id, task.Assignee);
        runner.AfterCommit(observer => observer.UserTaskCreated(task));
    }

    /// <summary>The task is done: its element completes with the variables it was completed with.</summary>
    public void CompleteTask(ProcessInstance instance, ElementInstance element, UserTask task, Dictionary<string, FeelValue>? variables)
    {
        task.State = UserTaskState.Completed;
        task.CompletionDate = runner.Now;
        element.UserTaskKey = null;
        runner.History(instance, task.Key, RecordValueType.UserTask, RecordIntent.Completed, task.ElementId, task.Assignee);
        runner.Complete(instance, element, variables);
    }

    private static void Apply(UserTask task, string name, FeelValue value)
    {
        switch (name)
        {
            case "assignee":
                task.Assignee = value is FeelString { Value.Length: > 0 } assignee ? assignee.Value : null;
                break;
            case "candidateGroupsList":
                task.CandidateGroups = Strings(value);
                break;
            case "candidateUsersList":
                task.CandidateUsers = Strings(value);
                break;
            case "dueDate":
                task.DueDate = Date(value);
                break;
            case "followUpDate":
                task.FollowUpDate = Date(value);
                break;
            case "priority":
                task.Priority = value is FeelNumber n ? (int)n.Value : task.Priority;
                break;
        }
    }

    private static List<string> Strings(FeelValue value) => value is FeelList list ? list.Items.OfType<FeelString>().Select(s => s.Value).ToList() : [];

    private static DateTimeOffset? Date(FeelValue value) =>
        value is FeelString { Value.Length: > 0 } s && DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) ? date : null;

    private void CreateTaskListenerJob(ProcessInstance instance, ElementInstance element, UserTask task, UserTaskTransition transition, ListenerDefinition listener) =>
        runner.Listeners.CreateListenerJob(instance, element, listener, JobKind.TaskListener, () => TaskListenerHeaders(element, task, transition));

    /// <summary>The user task's headers and, as Camunda adds them, the task as the change would leave it (<c>io.camunda.zeebe:*</c>).</summary>
    private static Dictionary<string, string> TaskListenerHeaders(ElementInstance element, UserTask task, UserTaskTransition transition)
    {
        var after = new UserTask
        {
            Key = task.Key,
            ProcessInstanceKey = task.ProcessInstanceKey,
            ElementInstanceKey = task.ElementInstanceKey,
            ElementId = task.ElementId,
            Definition = task.Definition,
            CreationDate = task.CreationDate,
            Assignee = task.Assignee,
            CandidateGroups = task.CandidateGroups,
            CandidateUsers = task.CandidateUsers,
            DueDate = task.DueDate,
            FollowUpDate = task.FollowUpDate,
            Priority = task.Priority,
        };
        foreach (var (name, value) in transition.Changes)
        {
            Apply(after, name, value);
        }

        var changed = TaskAttributes.Where(name => transition.Changes.ContainsKey(name) && Differs(task, after, name)).ToList();
        if (transition.Event == ListenerEventType.Updating && transition.Variables is not null)
        {
            // An update of the task's local variables, as Camunda names it.
            changed.Add("variables");
        }

        var headers = new Dictionary<string, string>(element.Node.Headers, StringComparer.Ordinal)
        {
            ["io.camunda.zeebe:userTaskKey"] = task.Key.ToString(CultureInfo.InvariantCulture),
            ["io.camunda.zeebe:action"] = transition.Action,
        };
        if (changed.Count > 0)
        {
            headers["io.camunda.zeebe:changedAttributes"] = FeelJson.ToJsonString(FeelList.OfStrings(changed));
        }

        if (after.Priority > 0)
        {
            headers["io.camunda.zeebe:priority"] = after.Priority.ToString(CultureInfo.InvariantCulture);
        }

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                headers["io.camunda.zeebe:" + name] = value;
            }
        }

        Add("assignee", after.Assignee);
        Add("candidateGroups", after.CandidateGroups.Count == 0 ? null : FeelJson.ToJsonString(FeelList.OfStrings(after.CandidateGroups)));
        Add("candidateUsers", after.CandidateUsers.Count == 0 ? null : FeelJson.ToJsonString(FeelList.OfStrings(after.CandidateUsers)));
        Add("dueDate", after.DueDate?.ToString("O", CultureInfo.InvariantCulture));
        Add("followUpDate", after.FollowUpDate?.ToString("O", CultureInfo.InvariantCulture));
        Add("formKey", task.FormKey?.ToString(CultureInfo.InvariantCulture));
        return headers;
    }

    private static bool Differs(UserTask before, UserTask after, string name) => name switch
    {
        "assignee" => before.Assignee != after.Assignee,
        "candidateGroupsList" => !before.CandidateGroups.SequenceEqual(after.CandidateGroups),
        "candidateUsersList" => !before.CandidateUsers.SequenceEqual(after.CandidateUsers),
        "dueDate" => before.DueDate != after.DueDate,
        "followUpDate" => before.FollowUpDate != after.FollowUpDate,
        _ => before.Priority != after.Priority,
    };
}

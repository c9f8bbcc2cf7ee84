namespace Orchestrator.Engine.Model;

/// <summary>The <c>zeebe:userTask</c> details of a user task; each value literal or FEEL.</summary>
public sealed class UserTaskDefinition
{
    /// <summary>True when the task has <c>zeebe:userTask</c> (a Camunda user task); false runs it as a job of type <c>io.camunda.zeebe:userTask</c>.</summary>
    public bool IsZeebeUserTask { get; init; }

    /// <summary>The assignee.</summary>
    public ModelExpression? Assignee { get; init; }

    /// <summary>Candidate groups (a comma-separated literal or a FEEL list).</summary>
    public ModelExpression? CandidateGroups { get; init; }

    /// <summary>Candidate users (a comma-separated literal or a FEEL list).</summary>
    public ModelExpression? CandidateUsers { get; init; }

    /// <summary>The due date.</summary>
    public ModelExpression? DueDate { get; init; }

    /// <summary>The follow-up date.</summary>
    public ModelExpression? FollowUpDate { get; init; }

    /// <summary>The priority (0 to 100, default 50).</summary>
    public ModelExpression? Priority { get; init; }

    /// <summary>The linked form's id (<c>zeebe:formDefinition formId</c>).</summary>
    public string? FormId { get; init; }

    /// <summary>A form key of an embedded form (<c>zeebe:formDefinition formKey</c>).</summary>
    public string? FormKey { get; init; }

    /// <summary>An external form reference.</summary>
    public ModelExpression? ExternalReference { get; init; }

    private readonly IReadOnlyList<ListenerDefinition>[] _byEvent = new IReadOnlyList<ListenerDefinition>[Enum.GetValues<State.ListenerEventType>().Length];

    /// <summary>Task listeners (<c>zeebe:taskListeners</c>), in model order; each runs for its event.</summary>
    public IReadOnlyList<ListenerDefinition> Listeners
    {
        get;
        init
        {
            field = value;
            for (var i = 0; i < _byEvent.Length; i++)
            {
                _byEvent[i] = value.Where(l => (int)l.EventType == i).ToArray();
            }
        }
    } = [];

    /// <summary>The task listeners of one event, in model order (made once, so asking costs nothing on the hot path).</summary>
    public IReadOnlyList<ListenerDefinition> ListenersOf(State.ListenerEventType eventType) => _byEvent[(int)eventType] ?? [];
}

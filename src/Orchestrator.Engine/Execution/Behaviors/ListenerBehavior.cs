using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution.Behaviors;

/// <summary>
/// Execution listeners, as Zeebe runs them: jobs of the listener's type, one at a time in model order, the element waiting
/// for each. Start listeners run after the input mappings and before the element's own work (its job, subscriptions, children);
/// end listeners after the output mappings and before it completes. A termination cancels the open listener job and runs no
/// end listener.
/// A behaviour over the command's runner, as <see cref="VariableBehavior"/>.
/// </summary>
internal readonly struct ListenerBehavior(Runner runner)
{
    /// <summary>Starts one event's execution listeners from the first (again, after an incident on them was resolved).</summary>
    public void RunListeners(ProcessInstance instance, ElementInstance element, IReadOnlyList<ListenerDefinition> listeners)
    {
        element.ListenerIndex = 0;
        CreateExecutionListenerJob(instance, element, listeners[0]);
    }

    /// <summary>An execution listener's job carries the element's task headers.</summary>
    private void CreateExecutionListenerJob(ProcessInstance instance, ElementInstance element, ListenerDefinition listener) =>
        CreateListenerJob(instance, element, listener, JobKind.ExecutionListener, () => element.Node.Headers);

    /// <summary>
    /// Creates a listener's job (execution or task listener): its type must evaluate to a non-empty string and its retries to a
    /// whole number, else an incident opens on the element. The headers are made only for a job that is created.
    /// </summary>
    public void CreateListenerJob(ProcessInstance instance, ElementInstance element, ListenerDefinition listener, JobKind kind, Func<IReadOnlyDictionary<string, string>> headers)
    {
        var name = listener.EventType switch
        {
            ListenerEventType.Start => "the start listener",
            ListenerEventType.End => "the end listener",
            _ => "the task listener",
        };
        if (!runner.Variables.TryEvaluateString(instance, element, listener.Type, IncidentType.ExtractValueError, name + "'s job type", out var type))
        {
            return;
        }

        if (type.Length == 0)
        {
            runner.Incidents.Raise(instance, element, IncidentType.ExtractValueError,
                $"Expected result of the expression '{listener.Type.Text}' to be a not-empty string, but was an empty string.");
            return;
        }

        if (runner.Jobs.TryRetries(instance, element, listener.Retries, name + "'s job retries", out var retries))
        {
            runner.Jobs.Create(instance, element, type, retries, headers(), kind, listener.EventType);
        }
    }

    /// <summary>
    /// An execution listener's job completed: its variables are set (a start listener's on the element, an end listener's on
    /// the element's flow scope), then the next listener's job is created, or the element goes on with its activation or completion.
    /// </summary>
    public void ExecutionListenerDone(ProcessInstance instance, ElementInstance element, Job job, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        var start = job.ListenerEventType == ListenerEventType.Start;
        var target = start ? element : element.Scope ?? element;
        foreach (var (name, value) in variables ?? new Dictionary<string, FeelValue>())
        {
            runner.Variables.SetLocal(instance, target, name, value);
        }

        var listeners = start ? element.Node.StartListeners : element.Node.EndListeners;
        element.ListenerIndex++;
        if (element.ListenerIndex < listeners.Count)
        {
            CreateExecutionListenerJob(instance, element, listeners[element.ListenerIndex]);
            return;
        }

        element.ListenerIndex = 0;
        if (start)
        {
            // A triggered event completes with what triggered it; an event subprocess hands its trigger's variables to its start event itself.
            var triggered = element.InterruptVariables;
            if (element.TriggeredBy is not null)
            {
                element.InterruptVariables = null;
            }

            runner.FinishActivation(instance, element, triggered);
        }
        else if (element.Node.Kind == ElementKind.Process)
        {
            runner.FinishProcess(instance, element);
        }
        else
        {
            runner.FinishCompletion(instance, element);
        }
    }
}

using System.Diagnostics.CodeAnalysis;
using Orchestrator.Engine.Elements;
using Orchestrator.Engine.Execution.Timers;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution.Behaviors;

/// <summary>
/// Events, as a behaviour the runner and the element behaviours share (after Zeebe's event subscription and event trigger
/// behaviours): timer, message and signal subscriptions, what happens when they trigger, message correlation, signals, and
/// BPMN errors and escalations. A view over the command's runner, as <see cref="VariableBehavior"/>.
/// </summary>
internal readonly struct EventBehavior(Runner runner)
{

    /// <summary>Opens the timer, message or signal subscription of a catch element, owned by <paramref name="owner"/>.</summary>
    public bool Subscribe(ProcessInstance instance, ElementInstance owner, FlowNode catchElement)
    {
        var definition = catchElement.Event;
        Subscription subscription;
        switch (definition.Kind)
        {
            case EventKind.Timer:
                if (!runner.Variables.TryEvaluate(instance, owner, definition.Timer!, IncidentType.ExtractValueError, "the timer", out var timerValue))
                {
                    return false;
                }

                if (!TimerSchedule.TryCreate(definition.TimerKind, timerValue, runner.Now, out var schedule, out var error))
                {
                    runner.Incidents.Raise(instance, owner, IncidentType.ExtractValueError, $"invalid timer of '{catchElement.Id}': {error}");
                    return false;
                }

                subscription = new Subscription
                {
                    Key = runner.Store.NextKey(), Kind = EventKind.Timer, Definition = instance.Definition, ProcessInstanceKey = instance.Key,
                    ElementInstanceKey = owner.Key, CatchElement = catchElement, DueDate = schedule!.FirstDue, RepetitionsLeft = schedule.Repetitions,
                    Schedule = schedule,
                };
                runner.AfterCommit(observer => observer.TimerScheduled(subscription));
                break;
            case EventKind.Message:
                if (!runner.Variables.TryEvaluateString(instance, owner, definition.MessageName!, IncidentType.ExtractValueError, "the message name", out var name)
                    || !runner.Variables.TryEvaluateString(instance, owner, definition.CorrelationKey!, IncidentType.ExtractValueError, "the correlation key", out var correlationKey))
                {
                    return false;
                }

                if (TextLimits.CheckMessage(name, correlationKey) is { } tooLong)
                {
                    runner.Incidents.Raise(instance, owner, IncidentType.ExtractValueError, $"the message of '{catchElement.Id}': {tooLong}");
                    return false;
                }

                subscription = new Subscription
                {
                    Key = runner.Store.NextKey(), Kind = EventKind.Message, Definition = instance.Definition, ProcessInstanceKey = instance.Key,
                    ElementInstanceKey = owner.Key, CatchElement = catchElement, Name = name, CorrelationKey = correlationKey,
                };
                break;
            case EventKind.Signal:
                if (!runner.Variables.TryEvaluateString(instance, owner, definition.SignalName!, IncidentType.ExtractValueError, "the signal name", out var signal))
                {
                    return false;
                }

                if (TextLimits.CheckSignal(signal) is { } signalTooLong)
                {
                    runner.Incidents.Raise(instance, owner, IncidentType.ExtractValueError, $"the signal of '{catchElement.Id}': {signalTooLong}");
                    return false;
                }

                subscription = new Subscription
                {
                    Key = runner.Store.NextKey(), Kind = EventKind.Signal, Definition = instance.Definition, ProcessInstanceKey = instance.Key,
                    ElementInstanceKey = owner.Key, CatchElement = catchElement, Name = signal,
                };
                break;
            default:
                return true;
        }

        runner.Store.AddSubscription(subscription);
        (owner.Subscriptions ??= []).Add(subscription.Key);
        if (subscription.Kind == EventKind.Message)
        {
            CorrelateBuffered(instance, subscription);
        }

        return true;
    }

    public bool SubscribeBoundaryEvents(ProcessInstance instance, ElementInstance element)
    {
        foreach (var boundary in element.Node.BoundaryEvents)
        {
            if (!Subscribe(instance, element, boundary))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Opens the subscriptions of the event subprocesses a scope holds; false when one could not be opened (an incident was
    /// raised on the scope): those opened are closed again and the scope does not start, so resolving the incident starts it once.
    /// </summary>
    public bool SubscribeEventSubProcesses(ProcessInstance instance, ElementInstance scope)
    {
        foreach (var eventSubProcess in scope.Node.Children.Where(c => c.Kind == ElementKind.EventSubProcess))
        {
            if (eventSubProcess.EventStart is { } start && !Subscribe(instance, scope, start))
            {
                CloseSubscriptions(scope);
                return false;
            }
        }

        return true;
    }

    public void CloseSubscriptions(ElementInstance element)
    {
        if (element.Subscriptions is null)
        {
            return;
        }

        foreach (var key in element.Subscriptions)
        {
            if (runner.Store.GetSubscription(key) is { } subscription)
            {
                subscription.State = LifecycleState.Terminated;
                runner.Store.RemoveSubscription(subscription);
                if (subscription.Kind == EventKind.Timer)
                {
                    runner.AfterCommit(observer => observer.TimerCanceled(key));
                }
            }
        }

        element.Subscriptions = null;
    }

    /// <summary>An event happened for a subscription of an instance: move the instance on; false when nothing hears it any more.</summary>
    public bool Trigger(ProcessInstance instance, Subscription subscription, Dictionary<string, FeelValue>? variables)
    {
        // A subscription a command listed before an earlier trigger of the same command closed it (two timers due at once, a
        // signal two boundary events wait for, an interrupting event subprocess's sibling) is gone, as is every event of an
        // element that is being terminated.
        if (subscription.State == LifecycleState.Terminated || subscription.ElementInstanceKey is not { } ownerKey
            || !instance.Elements.TryGetValue(ownerKey, out var owner) || owner.Terminating)
        {
            return false;
        }

        var catchElement = subscription.CatchElement;
        runner.History(instance, subscription.Key, subscription.Kind switch
        {
            EventKind.Timer => RecordValueType.Timer,
            EventKind.Signal => RecordValueType.Signal,
            _ => RecordValueType.Message,
        }, RecordIntent.Triggered, catchElement.Id, subscription.Name);
        ElementTable.BehaviorOf(owner).OnEvent(runner, instance, owner, catchElement, variables, subscription);
        return true;
    }

    /// <summary>
    /// What an event does to the element that subscribed to it, unless its behaviour says otherwise: its own catch event
    /// completes it, a boundary event interrupts it or runs beside it, an event subprocess's start starts that subprocess.
    /// </summary>
    public void EventHappened(ProcessInstance instance, ElementInstance owner, FlowNode catchElement, Dictionary<string, FeelValue>? variables, Subscription subscription)
    {
        if (catchElement == owner.Node)
        {
            CloseSubscriptions(owner);
            runner.Complete(instance, owner, variables);
        }
        else if (catchElement.Kind == ElementKind.BoundaryEvent)
        {
            TriggerBoundary(instance, owner, catchElement, variables, subscription);
        }
        else if (catchElement.Parent?.Kind == ElementKind.EventSubProcess)
        {
            TriggerEventSubProcess(instance, owner, catchElement, variables, subscription);
        }
    }

    private void TriggerBoundary(ProcessInstance instance, ElementInstance activity, FlowNode boundary, Dictionary<string, FeelValue>? variables, Subscription? subscription)
    {
        if (boundary.Interrupting)
        {
            runner.Terminate(instance, activity, new TerminationThen { Kind = TerminationThenKind.ActivateBoundary, Node = boundary, Variables = variables });
        }
        else
        {
            KeepTimerGoing(subscription);
            runner.Activate(instance, boundary, activity.Scope!, variables, triggered: true);
        }
    }

    private void TriggerEventSubProcess(ProcessInstance instance, ElementInstance scope, FlowNode start, Dictionary<string, FeelValue>? variables, Subscription? subscription)
    {
        var eventSubProcess = start.Parent!;
        if (start.Interrupting)
        {
            CloseSubscriptions(scope);
            runner.TerminateChildren(instance, scope, new TerminationThen { Kind = TerminationThenKind.ActivateEventSubProcess, Node = eventSubProcess, Variables = variables });
            return;
        }

        KeepTimerGoing(subscription);
        runner.Activate(instance, eventSubProcess, scope).InterruptVariables = variables;
    }

    /// <summary>A repeating timer (non-interrupting boundary, event-subprocess or start event) fires again later: move its due date on, or end it after its last repetition.</summary>
    public void KeepTimerGoing(Subscription? subscription)
    {
        if (subscription is not { Kind: EventKind.Timer })
        {
            return;
        }

        runner.Store.RemoveSubscription(subscription);
        if (subscription.RepetitionsLeft > 0)
        {
            subscription.RepetitionsLeft--;
        }

        if (subscription.RepetitionsLeft != 0 && NextDue(subscription) is { } next)
        {
            subscription.DueDate = next;
            runner.Store.AddSubscription(subscription);
            runner.AfterCommit(observer => observer.TimerScheduled(subscription));
        }
        else
        {
            subscription.State = LifecycleState.Completed;
        }
    }

    /// <summary>
    /// When a cycle fires next: its next beat, or — when that is already past (a server stopped for a while, a clock moved far
    /// ahead) — the next one from now, so that it fires once for all it missed and goes on, as Zeebe does.
    /// </summary>
    private DateTimeOffset? NextDue(Subscription timer) =>
        timer.Schedule?.Next(timer.DueDate) is { } next && next <= runner.Now ? timer.Schedule.Next(runner.Now) : timer.Schedule?.Next(timer.DueDate);

    // ---- messages and signals ------------------------------------------------------------------

    private void CorrelateBuffered(ProcessInstance instance, Subscription subscription)
    {
        foreach (var message in runner.Store.BufferedMessages(subscription.Name!, subscription.CorrelationKey!, runner.Now))
        {
            if (message.CorrelatedInstances.Contains(instance.Key))
            {
                continue;
            }

            message.CorrelatedInstances.Add(instance.Key);
            subscription.State = LifecycleState.Completed;
            Trigger(instance, subscription, new Dictionary<string, FeelValue>(message.Variables, StringComparer.Ordinal));
            return;
        }
    }

    /// <summary>Correlates a message to open subscriptions (one per instance) and, unless told not to, message start events; true when any took it.</summary>
    public bool CorrelateMessage(Message message, bool startInstances = true)
    {
        var correlated = false;
        foreach (var subscription in runner.Store.MessageSubscriptions(message.Name, message.CorrelationKey))
        {
            var key = subscription.ProcessInstanceKey!.Value;
            if (message.CorrelatedInstances.Contains(key) || runner.Store.GetInstance(key) is not { State: LifecycleState.Active } instance)
            {
                continue;
            }

            message.CorrelatedInstances.Add(key);
            Trigger(instance, subscription, new Dictionary<string, FeelValue>(message.Variables, StringComparer.Ordinal));
            correlated = true;
        }

        foreach (var start in startInstances ? runner.Store.MessageStartSubscriptions(message.Name) : [])
        {
            var processId = start.Definition.BpmnProcessId;
            if (message.CorrelatedProcesses.Contains(processId) || HasActiveInstanceForKey(start.Definition, message.CorrelationKey))
            {
                continue;
            }

            message.CorrelatedProcesses.Add(processId);
            var instance = runner.StartInstance(start.Definition, start.CatchElement, new Dictionary<string, FeelValue>(message.Variables, StringComparer.Ordinal), messageCorrelationKey: message.CorrelationKey);
            message.CorrelatedInstances.Add(instance.Key);
            correlated = true;
        }

        return correlated;
    }

    /// <summary>Zeebe starts at most one active instance per process and correlation key from message start events.</summary>
    private bool HasActiveInstanceForKey(ProcessDefinition definition, string correlationKey) =>
        !string.IsNullOrEmpty(correlationKey) && runner.Store.HasActiveMessageStartedInstance(definition.BpmnProcessId, correlationKey);


    public void BroadcastSignal(string name, Dictionary<string, FeelValue> variables)
    {
        foreach (var subscription in runner.Store.SignalSubscriptions(name))
        {
            if (subscription.ProcessInstanceKey is null)
            {
                if (runner.Store.Definitions.GetLatest(subscription.Definition.BpmnProcessId) == subscription.Definition)
                {
                    runner.StartInstance(subscription.Definition, subscription.CatchElement, new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal));
                }
            }
            else if (runner.Store.GetInstance(subscription.ProcessInstanceKey.Value) is { State: LifecycleState.Active } instance)
            {
                Trigger(instance, subscription, new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal));
            }
        }
    }

    // ---- errors and escalations -----------------------------------------------------------------

    /// <summary>
    /// Throws a BPMN error from an element: the innermost matching error boundary event or error
    /// event subprocess catches it (through call activities into the caller); none → incident.
    /// </summary>
    public void ThrowError(ProcessInstance instance, ElementInstance thrower, string code, string? message, Dictionary<string, FeelValue>? variables, bool fromJob)
    {
        var errorVariables = variables ?? [];
        var currentInstance = instance;

        // At each level: error event subprocesses inside the scope, then error boundary events on it, then the enclosing scope.
        for (var current = fromJob ? thrower : thrower.Scope; current is not null;)
        {
            if (current.Node.IsScope && FindCatch(current.Node.Children.Where(c => c.Kind == ElementKind.EventSubProcess).Select(e => e.EventStart!), EventKind.Error, code) is { } start)
            {
                TriggerEventSubProcess(currentInstance, current, start, errorVariables, null);
                return;
            }

            // An inner multi-instance instance shares its node with the body, whose boundary events they are.
            if (current.LoopCounter == 0 && FindCatch(current.Node.BoundaryEvents, EventKind.Error, code) is { } boundary)
            {
                runner.Terminate(currentInstance, current, new TerminationThen { Kind = TerminationThenKind.ActivateBoundary, Node = boundary, Variables = errorVariables });
                return;
            }

            if (current.Scope is null && TryCaller(currentInstance, out var parent, out var callActivity))
            {
                // The error leaves a called process: the caller's call activity and its scopes may catch it
                // (terminating the call activity then ends this instance too).
                currentInstance = parent;
                current = callActivity;
                continue;
            }

            current = current.Scope;
        }

        runner.Incidents.Raise(instance, thrower, IncidentType.UnhandledErrorEvent,
            $"Expected to throw an error event with the code '{code}'{(message is null ? string.Empty : $" with message '{message}'")}, but it was not caught. No error events are available in the scope.",
            fromJob ? thrower.JobKey : null);
    }

    /// <summary>Throws an escalation: caught like an error (interrupting or not); uncaught it does nothing.</summary>
    public bool ThrowEscalation(ProcessInstance instance, ElementInstance thrower, string code)
    {
        var currentInstance = instance;
        for (var current = thrower.Scope; current is not null;)
        {
            if (current.Node.IsScope && FindCatch(current.Node.Children.Where(c => c.Kind == ElementKind.EventSubProcess).Select(e => e.EventStart!), EventKind.Escalation, code) is { } start)
            {
                TriggerEventSubProcess(currentInstance, current, start, null, null);
                return start.Interrupting;
            }

            if (current.LoopCounter == 0 && FindCatch(current.Node.BoundaryEvents, EventKind.Escalation, code) is { } boundary)
            {
                TriggerBoundary(currentInstance, current, boundary, null, null);
                return boundary.Interrupting;
            }

            if (current.Scope is null && TryCaller(currentInstance, out var parent, out var callActivity))
            {
                currentInstance = parent;
                current = callActivity;
                continue;
            }

            current = current.Scope;
        }

        return false;
    }

    /// <summary>The catch event for a code: one naming the code wins over a catch-all.</summary>
    private static FlowNode? FindCatch(IEnumerable<FlowNode> candidates, EventKind kind, string code)
    {
        FlowNode? catchAll = null;
        foreach (var candidate in candidates)
        {
            if (candidate.Event.Kind != kind)
            {
                continue;
            }

            var expected = kind == EventKind.Error ? candidate.Event.ErrorCode : candidate.Event.EscalationCode;
            if (expected is null)
            {
                catchAll ??= candidate;
            }
            else if (expected.Text == code)
            {
                return candidate;
            }
        }

        return catchAll;
    }

    /// <summary>For an instance started by a call activity: the calling instance and its call activity, while both are active.</summary>
    public bool TryCaller(ProcessInstance instance, [NotNullWhen(true)] out ProcessInstance? parent, [NotNullWhen(true)] out ElementInstance? callActivity)
    {
        callActivity = null;
        parent = instance.ParentInstanceKey is { } parentKey ? runner.Store.GetInstance(parentKey) : null;
        return parent is not null && parent.Elements.TryGetValue(instance.ParentElementInstanceKey!.Value, out callActivity);
    }
}

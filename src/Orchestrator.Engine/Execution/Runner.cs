using System.Diagnostics.CodeAnalysis;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Execution.Timers;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution;

/// <summary>
/// Runs one command: a queue of activate/complete steps, applied until every token rests in a wait
/// state or its instance ended. Steps are queued, never nested, so a long chain of elements cannot
/// overflow the stack. Failures that belong to the model (a FEEL error, no matching condition, a job
/// out of retries) become incidents; the runner never leaves a step half done.
/// </summary>
internal sealed class Runner
{
    private readonly Queue<WorkItem> _work = new();
    private readonly List<Action<IEngineObserver>> _effects = [];
    private readonly List<(string Name, Dictionary<string, FeelValue> Variables)> _signals = [];

    public Runner(IEngineStore store, DateTimeOffset now, EngineOptions options)
    {
        Store = store;
        Now = now;
        Options = options;
    }

    public IEngineStore Store { get; }

    public DateTimeOffset Now { get; }

    public EngineOptions Options { get; }

    /// <summary>Side effects to run after commit.</summary>
    public IReadOnlyList<Action<IEngineObserver>> Effects => _effects;

    public void AfterCommit(Action<IEngineObserver> effect) => _effects.Add(effect);

    // ---- instances ------------------------------------------------------------------------

    /// <summary>Creates an instance and starts it at <paramref name="start"/> (the none start event when null).</summary>
    public ProcessInstance StartInstance(ProcessDefinition definition, FlowNode? start, Dictionary<string, FeelValue>? variables, ElementInstance? caller = null, string? messageCorrelationKey = null)
    {
        var start0 = start ?? definition.Model.Root.NoneStart
            ?? throw new EngineException(EngineError.InvalidArgument, $"process '{definition.BpmnProcessId}' has no none start event; start it with a message, timer or signal");
        var key = Store.NextKey();
        var instance = new ProcessInstance
        {
            Key = key,
            Definition = definition,
            StartDate = Now,
            ParentInstanceKey = caller is null ? null : InstanceOf(caller),
            ParentElementInstanceKey = caller?.Key,
            MessageCorrelationKey = messageCorrelationKey,
        };
        var root = new ElementInstance { Key = key, Node = definition.Model.Root, Scope = null };
        instance.Root = root;
        instance.Add(root);
        Store.AddInstance(instance);
        History(instance, root.Key, "ELEMENT", "ELEMENT_ACTIVATING", root.Node.Id, "PROCESS");
        foreach (var (name, value) in variables ?? [])
        {
            SetLocal(instance, root, name, value);
        }

        History(instance, root.Key, "ELEMENT", "ELEMENT_ACTIVATED", root.Node.Id, "PROCESS");
        SubscribeEventSubProcesses(instance, root);
        Activate(instance, start0, root);
        return instance;
    }

    /// <summary>The process instance key of an element instance: the key of its root scope.</summary>
    public static long InstanceOf(ElementInstance element)
    {
        var scope = element;
        while (scope.Scope is not null)
        {
            scope = scope.Scope;
        }

        return scope.Key;
    }

    // ---- the step queue --------------------------------------------------------------------

    /// <summary>Creates an element instance in <paramref name="scope"/> and queues its activation.</summary>
    public ElementInstance Activate(ProcessInstance instance, FlowNode node, ElementInstance scope, Dictionary<string, FeelValue>? variables = null, bool triggered = false)
    {
        var element = new ElementInstance
        {
            Key = Store.NextKey(),
            Node = node,
            Scope = scope,
            IsMultiInstanceBody = node.MultiInstance is not null && (scope.Node != node),
            TriggeredBy = triggered ? node : null,
        };
        instance.Add(element);
        scope.ActiveChildren++;
        History(instance, element.Key, "ELEMENT", "ELEMENT_ACTIVATING", node.Id, node.Kind.ToString());
        _work.Enqueue(new WorkItem(instance, element, IsCompletion: false, variables));
        return element;
    }

    /// <summary>Queues the completion of an element instance with the variables it completes with (job result, message...).</summary>
    public void Complete(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables = null) =>
        _work.Enqueue(new WorkItem(instance, element, IsCompletion: true, variables));

    /// <summary>Runs queued steps until none is left, then broadcasts the signals thrown on the way.</summary>
    public void Run()
    {
        while (true)
        {
            while (_work.TryDequeue(out var item))
            {
                if (!item.Instance.Elements.ContainsKey(item.Element.Key))
                {
                    continue;
                }

                if (item.IsCompletion)
                {
                    CompleteStep(item.Instance, item.Element, item.Variables);
                }
                else
                {
                    ActivateStep(item.Instance, item.Element, item.Variables);
                }
            }

            if (_signals.Count == 0)
            {
                return;
            }

            var signals = _signals.ToList();
            _signals.Clear();
            foreach (var (name, variables) in signals)
            {
                BroadcastSignal(name, variables);
            }
        }
    }

    /// <summary>Runs the activation step (again, when an incident on it is resolved).</summary>
    public void ActivateStep(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables)
    {
        element.PendingStep = PendingStep.Activate;
        var node = element.Node;
        if (element.IsMultiInstanceBody)
        {
            MultiInstanceBehavior.ActivateBody(this, instance, element);
            return;
        }

        CloseSubscriptions(element);
        if (!ApplyInputs(instance, element))
        {
            return;
        }

        History(instance, element.Key, "ELEMENT", "ELEMENT_ACTIVATED", node.Id, node.Kind.ToString());
        if (element.TriggeredBy is not null)
        {
            // A boundary event, an event-gateway target or an event-subprocess start: the event already happened.
            element.PendingStep = PendingStep.Wait;
            Complete(instance, element, variables);
            return;
        }

        if (node.IsActivity && node.MultiInstance is null && !SubscribeBoundaryEvents(instance, element))
        {
            return;
        }

        BehaviorTable.For(node).Activate(this, instance, element);
        if (element.IncidentKey is null)
        {
            element.PendingStep = PendingStep.Wait;
        }
    }

    private void CompleteStep(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables)
    {
        element.PendingStep = PendingStep.Complete;
        var node = element.Node;
        if (element.IsMultiInstanceBody)
        {
            MultiInstanceBehavior.CompleteBody(this, instance, element);
        }
        else if (!ApplyOutputs(instance, element, variables))
        {
            return;
        }

        if (element.LoopCounter > 0)
        {
            Leave(instance, element, "ELEMENT_COMPLETED");
            MultiInstanceBehavior.InnerCompleted(this, instance, element);
            return;
        }

        var flows = BehaviorTable.For(node).Leave(this, instance, element);
        if (flows is null)
        {
            return;
        }

        var scope = element.Scope!;
        Leave(instance, element, "ELEMENT_COMPLETED");
        if (node.Kind == ElementKind.Process)
        {
            return;
        }

        foreach (var flow in flows)
        {
            var triggered = element.TriggeredBy == flow.Target && node.Kind == ElementKind.EventBasedGateway;
            TakeFlow(instance, flow, scope, triggered ? element.InterruptVariables : null, triggered);
        }

        if (flows.Count == 0 && scope.ActiveChildren == 0)
        {
            ScopeDone(instance, scope);
        }
    }

    /// <summary>A scope has no more active children: complete it (the process, a subprocess, an event subprocess).</summary>
    public void ScopeDone(ProcessInstance instance, ElementInstance scope)
    {
        if (!instance.Elements.ContainsKey(scope.Key) || scope.InterruptedBy is not null)
        {
            return;
        }

        if (scope.Node.Kind == ElementKind.Process)
        {
            CompleteProcess(instance, scope);
        }
        else
        {
            Complete(instance, scope);
        }
    }

    private void CompleteProcess(ProcessInstance instance, ElementInstance root)
    {
        var variables = root.Variables;
        CloseSubscriptions(root);
        Leave(instance, root, "ELEMENT_COMPLETED");
        instance.State = LifecycleState.Completed;
        instance.EndDate = Now;
        instance.Revision++;
        if (TryCaller(instance, out var parent, out var callActivity))
        {
            Complete(parent, callActivity, new Dictionary<string, FeelValue>(variables ?? [], StringComparer.Ordinal));
        }
    }

    /// <summary>Removes a finished element instance and records why.</summary>
    private void Leave(ProcessInstance instance, ElementInstance element, string intent)
    {
        CloseSubscriptions(element);
        instance.Remove(element);
        if (element.Scope is { } scope)
        {
            scope.ActiveChildren--;
        }

        History(instance, element.Key, "ELEMENT", intent, element.Node.Id, element.Node.Kind.ToString());
    }

    /// <summary>Sends a token along a flow: joins count it, other targets are activated.</summary>
    public void TakeFlow(ProcessInstance instance, SequenceFlow flow, ElementInstance scope, Dictionary<string, FeelValue>? variables = null, bool triggered = false)
    {
        History(instance, scope.Key, "ELEMENT", "SEQUENCE_FLOW_TAKEN", flow.Id, null);
        var target = flow.Target;
        if (target.Kind is ElementKind.ParallelGateway or ElementKind.InclusiveGateway && target.Incoming.Count > 1)
        {
            GatewayJoins.Arrive(this, instance, scope, flow);
            return;
        }

        Activate(instance, target, scope, variables, triggered);
    }

    // ---- termination -----------------------------------------------------------------------

    /// <summary>Terminates an element instance and everything inside it (jobs, tasks, timers, subscriptions, called instances).</summary>
    public void Terminate(ProcessInstance instance, ElementInstance element)
    {
        foreach (var child in instance.Elements.Values.Where(e => e.Scope == element).ToList())
        {
            Terminate(instance, child);
        }

        if (element.JobKey is { } jobKey && Store.GetJob(jobKey) is { State: not (JobState.Completed or JobState.ErrorThrown) } job)
        {
            job.State = JobState.Canceled;
            History(instance, job.Key, "JOB", "CANCELED", element.Node.Id, job.Type);
        }

        if (element.UserTaskKey is { } taskKey && Store.GetUserTask(taskKey) is { State: UserTaskState.Created } task)
        {
            task.State = UserTaskState.Canceled;
            task.CompletionDate = Now;
            History(instance, task.Key, "USER_TASK", "CANCELED", element.Node.Id, null);
        }

        if (element.CalledInstanceKey is { } calledKey && Store.GetInstance(calledKey) is { State: LifecycleState.Active } called)
        {
            TerminateInstance(called);
        }

        ResolveIncidentsOf(element);
        Leave(instance, element, "ELEMENT_TERMINATED");
    }

    /// <summary>Cancels a whole instance.</summary>
    public void TerminateInstance(ProcessInstance instance)
    {
        if (instance.Root is { } root && instance.Elements.ContainsKey(root.Key))
        {
            Terminate(instance, root);
        }

        instance.State = LifecycleState.Terminated;
        instance.EndDate = Now;
        instance.Revision++;
    }

    private void ResolveIncidentsOf(ElementInstance element)
    {
        if (element.IncidentKey is { } incidentKey && Store.GetIncident(incidentKey) is { State: LifecycleState.Active } incident)
        {
            incident.State = LifecycleState.Terminated;
            element.IncidentKey = null;
        }
    }

    // ---- variables -------------------------------------------------------------------------

    public static VariableScope ScopeOf(ElementInstance element) => new(element);

    public void SetLocal(ProcessInstance instance, ElementInstance element, string name, FeelValue value)
    {
        var variables = element.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        var intent = variables.ContainsKey(name) ? "UPDATED" : "CREATED";
        variables[name] = value;
        if (Options.RecordVariableHistory)
        {
            History(instance, element.Key, "VARIABLE", intent, name, FeelJson.ToJsonString(value));
        }
    }

    /// <summary>Sets each variable on the nearest scope from <paramref name="from"/> up that has it, else on the process.</summary>
    public void Propagate(ProcessInstance instance, ElementInstance from, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, FeelValue>())
        {
            var target = from;
            for (var scope = from; scope is not null; scope = scope.Scope)
            {
                target = scope;
                if (scope.Variables?.ContainsKey(name) == true)
                {
                    break;
                }
            }

            SetLocal(instance, target, name, value);
        }
    }

    /// <summary>Input mappings, in order, as local variables; each sees the ones before it.</summary>
    private bool ApplyInputs(ProcessInstance instance, ElementInstance element)
    {
        foreach (var mapping in element.Node.Inputs)
        {
            if (!TryEvaluate(instance, element, mapping.Source, IncidentType.IoMappingError, $"input mapping '{mapping.Target}'", out var value))
            {
                return false;
            }

            var results = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
            var root = RootName(mapping.Target);
            if (element.Variables?.GetValueOrDefault(root) is { } existing)
            {
                results[root] = existing;
            }

            Assign(results, mapping.Target, value);
            SetLocal(instance, element, root, results[root]);
        }

        return true;
    }

    private bool ApplyOutputs(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables)
    {
        var node = element.Node;
        if (node.Outputs.Count == 0)
        {
            // Without output mappings a call activity hands back its child's variables only when told to.
            if (variables is { Count: > 0 } && node.CallActivity is not { PropagateAllChildVariables: false })
            {
                Propagate(instance, element, variables);
            }

            return true;
        }

        foreach (var (name, value) in variables ?? [])
        {
            SetLocal(instance, element, name, value);
        }

        var results = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var mapping in node.Outputs)
        {
            if (!TryEvaluate(instance, element, mapping.Source, IncidentType.IoMappingError, $"output mapping '{mapping.Target}'", out var value))
            {
                return false;
            }

            var root = RootName(mapping.Target);
            if (!results.ContainsKey(root) && root != mapping.Target && ScopeOf(element.Scope!).TryGetVariable(root, out var existing))
            {
                results[root] = existing;
            }

            Assign(results, mapping.Target, value);
        }

        Propagate(instance, element.Scope!, results);
        return true;
    }

    private static string RootName(string target) => target.Split('.')[0];

    /// <summary>Writes a value to a possibly dotted target (<c>a.b.c</c> puts into nested contexts).</summary>
    private static void Assign(Dictionary<string, FeelValue> results, string target, FeelValue value)
    {
        var path = target.Split('.');
        if (path.Length == 1)
        {
            results[target] = value;
            return;
        }

        results[path[0]] = Put(results.GetValueOrDefault(path[0]) as FeelContext ?? FeelContext.Empty, path, 1, value);
    }

    private static FeelContext Put(FeelContext context, string[] path, int index, FeelValue value)
    {
        if (index == path.Length - 1)
        {
            return context.With(path[index], value);
        }

        var inner = context.TryGetValue(path[index], out var existing) && existing is FeelContext c ? c : FeelContext.Empty;
        return context.With(path[index], Put(inner, path, index + 1, value));
    }

    /// <summary>Evaluates an expression at an element; on a FEEL failure raises an incident of <paramref name="type"/> and returns false.</summary>
    public bool TryEvaluate(ProcessInstance instance, ElementInstance element, ModelExpression expression, IncidentType type, string what, out FeelValue value)
    {
        var result = expression.Evaluate(ScopeOf(element));
        value = result.Value;
        if (value is not FeelNull || !result.HasWarnings)
        {
            return true;
        }

        RaiseIncident(instance, element, type, $"failed to evaluate {what} '{expression.Text}': {string.Join("; ", result.Warnings.Select(w => w.Message))}");
        return false;
    }

    /// <summary>Evaluates to a string (a literal, or FEEL giving a string or number).</summary>
    public bool TryEvaluateString(ProcessInstance instance, ElementInstance element, ModelExpression expression, IncidentType type, string what, out string text)
    {
        text = string.Empty;
        if (!TryEvaluate(instance, element, expression, type, what, out var value))
        {
            return false;
        }

        switch (value)
        {
            case FeelString s:
                text = s.Value;
                return true;
            case FeelNumber n:
                text = FeelNumber.Format(n.Value);
                return true;
            default:
                RaiseIncident(instance, element, type, $"expected {what} '{expression.Text}' to be a string but it was {value.TypeName} '{value}'");
                return false;
        }
    }

    // ---- incidents ---------------------------------------------------------------------------

    public void RaiseIncident(ProcessInstance instance, ElementInstance element, IncidentType type, string message, long? jobKey = null)
    {
        var incident = new Incident
        {
            Key = Store.NextKey(),
            Type = type,
            ErrorMessage = message,
            ProcessInstanceKey = instance.Key,
            ElementInstanceKey = element.Key,
            ElementId = element.Node.Id,
            Definition = instance.Definition,
            JobKey = jobKey,
            CreationTime = Now,
        };
        Store.AddIncident(incident);
        element.IncidentKey = incident.Key;
        History(instance, incident.Key, "INCIDENT", "CREATED", element.Node.Id, $"{type}: {message}");
    }

    // ---- jobs ------------------------------------------------------------------------------

    public void CreateJob(ProcessInstance instance, ElementInstance element, string type, int retries, IReadOnlyDictionary<string, string> headers)
    {
        var job = new Job
        {
            Key = Store.NextKey(),
            Type = type,
            ProcessInstanceKey = instance.Key,
            ElementInstanceKey = element.Key,
            ElementId = element.Node.Id,
            Definition = instance.Definition,
            CustomHeaders = headers,
            Retries = retries,
        };
        Store.AddJob(job);
        element.JobKey = job.Key;
        History(instance, job.Key, "JOB", "CREATED", element.Node.Id, type);
        AfterCommit(observer => observer.JobsAvailable(type));
    }

    // ---- subscriptions -----------------------------------------------------------------------

    /// <summary>Opens the timer, message or signal subscription of a catch element, owned by <paramref name="owner"/>.</summary>
    public bool Subscribe(ProcessInstance instance, ElementInstance owner, FlowNode catchElement)
    {
        var definition = catchElement.Event;
        Subscription subscription;
        switch (definition.Kind)
        {
            case EventKind.Timer:
                if (!TryEvaluate(instance, owner, definition.Timer!, IncidentType.ExtractValueError, "the timer", out var timerValue))
                {
                    return false;
                }

                if (!TimerSchedule.TryCreate(definition.TimerKind, timerValue, Now, out var schedule, out var error))
                {
                    RaiseIncident(instance, owner, IncidentType.ExtractValueError, $"invalid timer of '{catchElement.Id}': {error}");
                    return false;
                }

                subscription = new Subscription
                {
                    Key = Store.NextKey(), Kind = EventKind.Timer, Definition = instance.Definition, ProcessInstanceKey = instance.Key,
                    ElementInstanceKey = owner.Key, CatchElement = catchElement, DueDate = schedule!.FirstDue, RepetitionsLeft = schedule.Repetitions,
                    Schedule = schedule,
                };
                AfterCommit(observer => observer.TimerScheduled(subscription));
                break;
            case EventKind.Message:
                if (!TryEvaluateString(instance, owner, definition.MessageName!, IncidentType.ExtractValueError, "the message name", out var name)
                    || !TryEvaluateString(instance, owner, definition.CorrelationKey!, IncidentType.ExtractValueError, "the correlation key", out var correlationKey))
                {
                    return false;
                }

                subscription = new Subscription
                {
                    Key = Store.NextKey(), Kind = EventKind.Message, Definition = instance.Definition, ProcessInstanceKey = instance.Key,
                    ElementInstanceKey = owner.Key, CatchElement = catchElement, Name = name, CorrelationKey = correlationKey,
                };
                break;
            case EventKind.Signal:
                if (!TryEvaluateString(instance, owner, definition.SignalName!, IncidentType.ExtractValueError, "the signal name", out var signal))
                {
                    return false;
                }

                subscription = new Subscription
                {
                    Key = Store.NextKey(), Kind = EventKind.Signal, Definition = instance.Definition, ProcessInstanceKey = instance.Key,
                    ElementInstanceKey = owner.Key, CatchElement = catchElement, Name = signal,
                };
                break;
            default:
                return true;
        }

        Store.AddSubscription(subscription);
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

    /// <summary>Opens the start-event subscriptions of a scope's event subprocesses.</summary>
    public void SubscribeEventSubProcesses(ProcessInstance instance, ElementInstance scope)
    {
        foreach (var eventSubProcess in scope.Node.Children.Where(c => c.Kind == ElementKind.EventSubProcess))
        {
            if (eventSubProcess.EventStart is { } start)
            {
                Subscribe(instance, scope, start);
            }
        }
    }

    public void CloseSubscriptions(ElementInstance element)
    {
        if (element.Subscriptions is null)
        {
            return;
        }

        foreach (var key in element.Subscriptions)
        {
            if (Store.GetSubscription(key) is { } subscription)
            {
                subscription.State = LifecycleState.Terminated;
                Store.RemoveSubscription(subscription);
                if (subscription.Kind == EventKind.Timer)
                {
                    AfterCommit(observer => observer.TimerCanceled(key));
                }
            }
        }

        element.Subscriptions = null;
    }

    /// <summary>An event happened for a subscription of an instance: move the instance on.</summary>
    public void Trigger(ProcessInstance instance, Subscription subscription, Dictionary<string, FeelValue>? variables)
    {
        if (subscription.ElementInstanceKey is not { } ownerKey || !instance.Elements.TryGetValue(ownerKey, out var owner))
        {
            return;
        }

        var catchElement = subscription.CatchElement;
        History(instance, subscription.Key, subscription.Kind.ToString().ToUpperInvariant(), "TRIGGERED", catchElement.Id, subscription.Name);
        if (catchElement == owner.Node)
        {
            CloseSubscriptions(owner);
            Complete(instance, owner, variables);
        }
        else if (owner.Node.Kind == ElementKind.EventBasedGateway)
        {
            CloseSubscriptions(owner);
            owner.TriggeredBy = catchElement;
            owner.InterruptVariables = variables;
            Complete(instance, owner);
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
            var scope = activity.Scope!;
            Terminate(instance, activity);
            Activate(instance, boundary, scope, variables, triggered: true);
        }
        else
        {
            KeepTimerGoing(subscription);
            Activate(instance, boundary, activity.Scope!, variables, triggered: true);
        }
    }

    private void TriggerEventSubProcess(ProcessInstance instance, ElementInstance scope, FlowNode start, Dictionary<string, FeelValue>? variables, Subscription? subscription)
    {
        var eventSubProcess = start.Parent!;
        if (start.Interrupting)
        {
            CloseSubscriptions(scope);
            foreach (var child in instance.Elements.Values.Where(e => e.Scope == scope).ToList())
            {
                Terminate(instance, child);
            }
        }
        else
        {
            KeepTimerGoing(subscription);
        }

        var esp = Activate(instance, eventSubProcess, scope);
        esp.InterruptVariables = variables;
    }

    /// <summary>A repeating timer (non-interrupting boundary, event-subprocess or start event) fires again later: move its due date on, or end it after its last repetition.</summary>
    public void KeepTimerGoing(Subscription? subscription)
    {
        if (subscription is not { Kind: EventKind.Timer })
        {
            return;
        }

        Store.RemoveSubscription(subscription);
        if (subscription.RepetitionsLeft > 0)
        {
            subscription.RepetitionsLeft--;
        }

        if (subscription.RepetitionsLeft != 0 && subscription.Schedule?.Next(subscription.DueDate) is { } next)
        {
            subscription.DueDate = next;
            Store.AddSubscription(subscription);
            AfterCommit(observer => observer.TimerScheduled(subscription));
        }
        else
        {
            subscription.State = LifecycleState.Completed;
        }
    }

    // ---- messages and signals ------------------------------------------------------------------

    private void CorrelateBuffered(ProcessInstance instance, Subscription subscription)
    {
        foreach (var message in Store.BufferedMessages(subscription.Name!, subscription.CorrelationKey!, Now))
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

    /// <summary>Correlates a message to open subscriptions (one per instance) and message start events; true when any took it.</summary>
    public bool CorrelateMessage(Message message)
    {
        var correlated = false;
        foreach (var subscription in Store.MessageSubscriptions(message.Name, message.CorrelationKey))
        {
            var key = subscription.ProcessInstanceKey!.Value;
            if (message.CorrelatedInstances.Contains(key) || Store.GetInstance(key) is not { State: LifecycleState.Active } instance)
            {
                continue;
            }

            message.CorrelatedInstances.Add(key);
            Trigger(instance, subscription, new Dictionary<string, FeelValue>(message.Variables, StringComparer.Ordinal));
            correlated = true;
        }

        foreach (var start in Store.MessageStartSubscriptions(message.Name))
        {
            var processId = start.Definition.BpmnProcessId;
            if (message.CorrelatedProcesses.Contains(processId) || HasActiveInstanceForKey(start.Definition, message.CorrelationKey))
            {
                continue;
            }

            message.CorrelatedProcesses.Add(processId);
            var instance = StartInstance(start.Definition, start.CatchElement, new Dictionary<string, FeelValue>(message.Variables, StringComparer.Ordinal), messageCorrelationKey: message.CorrelationKey);
            message.CorrelatedInstances.Add(instance.Key);
            correlated = true;
        }

        return correlated;
    }

    /// <summary>Zeebe starts at most one active instance per process and correlation key from message start events.</summary>
    private bool HasActiveInstanceForKey(ProcessDefinition definition, string correlationKey) =>
        !string.IsNullOrEmpty(correlationKey) && Store.HasActiveMessageStartedInstance(definition.BpmnProcessId, correlationKey);

    public void ThrowSignal(string name, Dictionary<string, FeelValue> variables) => _signals.Add((name, variables));

    public void BroadcastSignal(string name, Dictionary<string, FeelValue> variables)
    {
        foreach (var subscription in Store.SignalSubscriptions(name))
        {
            if (subscription.ProcessInstanceKey is null)
            {
                if (Store.Definitions.GetLatest(subscription.Definition.BpmnProcessId) == subscription.Definition)
                {
                    StartInstance(subscription.Definition, subscription.CatchElement, new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal));
                }
            }
            else if (Store.GetInstance(subscription.ProcessInstanceKey.Value) is { State: LifecycleState.Active } instance)
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

            if (FindCatch(current.Node.BoundaryEvents, EventKind.Error, code) is { } boundary)
            {
                var scope = current.Scope!;
                Terminate(currentInstance, current);
                Activate(currentInstance, boundary, scope, errorVariables, triggered: true);
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

        RaiseIncident(instance, thrower, IncidentType.UnhandledErrorEvent,
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

            if (FindCatch(current.Node.BoundaryEvents, EventKind.Escalation, code) is { } boundary)
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
    private bool TryCaller(ProcessInstance instance, [NotNullWhen(true)] out ProcessInstance? parent, [NotNullWhen(true)] out ElementInstance? callActivity)
    {
        callActivity = null;
        parent = instance.ParentInstanceKey is { } parentKey ? Store.GetInstance(parentKey) : null;
        return parent is not null && parent.Elements.TryGetValue(instance.ParentElementInstanceKey!.Value, out callActivity);
    }

    // ---- history ---------------------------------------------------------------------------

    public void History(ProcessInstance instance, long key, string valueType, string intent, string? elementId, string? detail) =>
        Store.Append(new HistoryRecord(Store.NextPosition(), Now, instance.Key, key, valueType, intent, elementId, detail));
}

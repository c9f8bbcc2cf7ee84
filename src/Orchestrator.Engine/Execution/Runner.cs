using Orchestrator.Engine.Elements;
using Orchestrator.Engine.Elements.ParallelGateways;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
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
    private readonly Dictionary<long, int> _steps = [];
    private readonly Dictionary<long, long> _topOf = [];

    public Runner(IEngineStore store, DateTimeOffset now, EngineOptions options)
    {
        Store = store;
        Now = now;
        Options = options;
    }

    public IEngineStore Store { get; }

    public DateTimeOffset Now { get; }

    public EngineOptions Options { get; }

    /// <summary>Variables, mappings and expressions at an element of this command.</summary>
    public VariableBehavior Variables => new(this);

    /// <summary>Compensation: what completed and can be undone, and the handlers a throw event starts and waits for.</summary>
    public CompensationBehavior Compensation => new(this);

    /// <summary>Execution listeners: their jobs, one at a time, before and after an element's own work.</summary>
    public ListenerBehavior Listeners => new(this);

    /// <summary>Changes of a Camunda user task and the task listeners that may correct or deny them.</summary>
    public TaskListenerBehavior TaskListeners => new(this);

    /// <summary>Subscriptions, triggers, messages, signals, errors and escalations.</summary>
    public EventBehavior Events => new(this);

    /// <summary>Incidents: opened where the model fails, ended with their element.</summary>
    public IncidentBehavior Incidents => new(this);

    /// <summary>Jobs: created for elements and listeners, canceled with them.</summary>
    public JobBehavior Jobs => new(this);

    /// <summary>Side effects to run after commit.</summary>
    public IReadOnlyList<Action<IEngineObserver>> Effects => _effects;

    public void AfterCommit(Action<IEngineObserver> effect) => _effects.Add(effect);

    /// <summary>A signal thrown during the command: broadcast once the queued steps are done.</summary>
    public void ThrowSignal(string name, Dictionary<string, FeelValue> variables) => _signals.Add((name, variables));

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
        History(instance, root.Key, RecordValueType.Element, RecordIntent.ElementActivating, root.Node.Id, KindNames.Of(ElementKind.Process));
        foreach (var (name, value) in variables ?? [])
        {
            // A called instance never carries its caller's tracking link (two cases would answer one token).
            if (caller is null || name != Tracking.TrackingToken.VariableName)
            {
                Variables.SetLocal(instance, root, name, value);
            }
        }

        if (definition.Model.Tracking is not null)
        {
            // Ours, never the caller's: a token someone chose could be guessed.
            Variables.SetLocal(instance, root, Tracking.TrackingToken.VariableName, new FeelString(Tracking.TrackingToken.New()));
        }

        if (start0 != definition.Model.Root.NoneStart)
        {
            // A message, timer or signal start; the none start needs no note (it keeps most instances free of rare fields).
            root.PendingStart = start0;
        }

        ActivateStep(instance, root, null);
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
        History(instance, element.Key, RecordValueType.Element, RecordIntent.ElementActivating, node.Id, KindNames.Of(node.Kind));
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

                if (!CountStep(item.Instance))
                {
                    Park(item);
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
                Events.BroadcastSignal(name, variables);
            }
        }
    }

    /// <summary>Counts a step of the instance's tree (it and the instances it called); false once the tree ran more than the options allow.</summary>
    private bool CountStep(ProcessInstance instance)
    {
        var top = TopOf(instance);
        var steps = _steps.GetValueOrDefault(top) + 1;
        _steps[top] = steps;
        return steps <= Options.MaxStepsPerInstance;
    }

    /// <summary>The key of the instance at the top of the call chain (the root process instance).</summary>
    public long TopOf(ProcessInstance instance)
    {
        if (_topOf.TryGetValue(instance.Key, out var top))
        {
            return top;
        }

        // Walks up without recursion and remembers every instance passed: a process that calls itself makes the chain long.
        var passed = new List<long>();
        var current = instance;
        while (!_topOf.TryGetValue(current.Key, out top))
        {
            passed.Add(current.Key);
            if (current.ParentInstanceKey is not { } parent || Store.GetInstance(parent) is not { } caller)
            {
                top = current.Key;
                break;
            }

            current = caller;
        }

        foreach (var key in passed)
        {
            _topOf[key] = top;
        }

        return top;
    }

    /// <summary>Parks a step that went past the step limit with an incident; resolving the incident runs the step again.</summary>
    private void Park(WorkItem item)
    {
        if (item.Element.IncidentKey is not null)
        {
            return;
        }

        item.Element.PendingStep = item.IsCompletion ? PendingStep.Complete : PendingStep.Activate;
        Incidents.Raise(item.Instance, item.Element, IncidentType.Unknown,
            $"the instance ran more than {Options.MaxStepsPerInstance:N0} steps in one command without reaching a wait state; does the model loop without one?");
    }

    /// <summary>Runs the activation step (again, when an incident on it is resolved).</summary>
    public void ActivateStep(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables)
    {
        element.PendingStep = PendingStep.Activate;
        ElementTable.BehaviorOf(element).OnActivate(this, instance, element, variables);
    }

    /// <summary>The activation steps every element shares: its subscriptions closed, its input mappings, its start listeners, then its own start.</summary>
    public void ActivateElement(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables)
    {
        Events.CloseSubscriptions(element);
        if (!Variables.ApplyInputs(instance, element))
        {
            return;
        }

        if (element.Node.StartListeners.Count > 0)
        {
            // A triggered event keeps what triggered it until its listeners are done.
            element.InterruptVariables = variables ?? element.InterruptVariables;
            Listeners.RunListeners(instance, element, element.Node.StartListeners);
            return;
        }

        FinishActivation(instance, element, variables);
    }

    /// <summary>The element's own start, once its input mappings and start listeners are done.</summary>
    public void FinishActivation(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables)
    {
        var node = element.Node;
        History(instance, element.Key, RecordValueType.Element, RecordIntent.ElementActivated, node.Id, KindNames.Of(node.Kind));
        if (element.TriggeredBy is not null)
        {
            // A boundary event, an event-gateway target or an event-subprocess start: the event already happened.
            element.PendingStep = PendingStep.Wait;
            Complete(instance, element, variables);
            return;
        }

        if (node.IsActivity && node.MultiInstance is null && !Events.SubscribeBoundaryEvents(instance, element))
        {
            return;
        }

        ElementTable.BehaviorOf(node).Activate(this, instance, element);
        if (element.IncidentKey is null)
        {
            element.PendingStep = PendingStep.Wait;
        }
    }

    private void CompleteStep(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables)
    {
        element.PendingStep = PendingStep.Complete;
        ElementTable.BehaviorOf(element).OnComplete(this, instance, element, variables);
    }

    /// <summary>The completion steps every element shares: its output mappings, then its end listeners, then it leaves.</summary>
    public void CompleteElement(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables)
    {
        if (!Variables.ApplyOutputs(instance, element, variables))
        {
            return;
        }

        if (element.Node.EndListeners.Count > 0)
        {
            // As Zeebe: the element stops listening for its events before its end listeners run.
            Events.CloseSubscriptions(element);
            Listeners.RunListeners(instance, element, element.Node.EndListeners);
            return;
        }

        FinishCompletion(instance, element);
    }

    /// <summary>
    /// The element leaves, once its output mappings and end listeners are done; its scope hears of it (and takes its outgoing
    /// flows, unless it is a multi-instance body, to which an inner instance's flows do not belong).
    /// </summary>
    public void FinishCompletion(ProcessInstance instance, ElementInstance element)
    {
        var scope = element.Scope!;
        var scopeBehavior = ElementTable.BehaviorOf(scope);
        var flows = scopeBehavior.LeaveChild(this, instance, element);
        if (flows is null)
        {
            return;
        }

        CompensationBehavior.RecordCompensable(instance, element);
        Leave(instance, element, RecordIntent.ElementCompleted);
        if (element.CompensationThrowKey is { } thrower)
        {
            Compensation.CompensationHandlerDone(instance, thrower);
        }

        scopeBehavior.OnChildCompleted(this, instance, scope, element, flows);
    }

    /// <summary>A child left by <paramref name="flows"/>: they are taken; with none, the scope completes once nothing is active in it.</summary>
    public void TakeFlows(ProcessInstance instance, ElementInstance scope, ElementInstance child, IReadOnlyList<SequenceFlow> flows)
    {
        // By index: a foreach over the interface would box the list's enumerator on every completion.
        for (var i = 0; i < flows.Count; i++)
        {
            var flow = flows[i];
            // A child decided by an event it waited for elsewhere (an event-based gateway) hands that event to the flow's target.
            var triggered = child.TriggeredBy is { } by && by == flow.Target && by != child.Node;
            TakeFlow(instance, flow, scope, triggered ? child.InterruptVariables : null, triggered);
        }

        if (flows.Count == 0 && scope.ActiveChildren == 0)
        {
            ScopeDone(instance, scope);
        }
    }

    /// <summary>A scope has no more active children: complete it (the process, a subprocess, an event subprocess).</summary>
    public void ScopeDone(ProcessInstance instance, ElementInstance scope)
    {
        if (!instance.Elements.ContainsKey(scope.Key))
        {
            return;
        }

        if (scope.Terminating)
        {
            // Emptied while it terminates: it leaves now.
            ContinueTermination(instance, scope);
            return;
        }

        if (scope.AfterTermination is { Kind: TerminationThenKind.CompleteScope })
        {
            // Its children were terminated for it to complete, and what else ran in it meanwhile is done too.
            scope.AfterTermination = null;
            Complete(instance, scope);
            return;
        }

        if (scope.AfterTermination is not null || !ElementTable.BehaviorOf(scope).MayComplete(scope))
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

    /// <summary>The process completes: its subscriptions closed, its end listeners, then the instance ends.</summary>
    public void CompleteProcess(ProcessInstance instance, ElementInstance root)
    {
        root.PendingStep = PendingStep.Complete;
        Events.CloseSubscriptions(root);
        if (root.Node.EndListeners.Count > 0)
        {
            Listeners.RunListeners(instance, root, root.Node.EndListeners);
            return;
        }

        FinishProcess(instance, root);
    }

    public void FinishProcess(ProcessInstance instance, ElementInstance root)
    {
        var variables = root.Variables;
        Leave(instance, root, RecordIntent.ElementCompleted);
        instance.State = LifecycleState.Completed;
        instance.EndDate = Now;
        instance.Revision++;
        if (Events.TryCaller(instance, out var parent, out var callActivity))
        {
            Complete(parent, callActivity, new Dictionary<string, FeelValue>(variables ?? [], StringComparer.Ordinal));
        }
    }

    /// <summary>Removes a finished element instance and records why.</summary>
    private void Leave(ProcessInstance instance, ElementInstance element, RecordIntent intent)
    {
        Events.CloseSubscriptions(element);
        instance.Remove(element);
        if (element.Node.IsScope)
        {
            CompensationBehavior.ForgetCompensable(instance, element);
        }

        if (element.Scope is { } scope)
        {
            scope.ActiveChildren--;
        }

        History(instance, element.Key, RecordValueType.Element, intent, element.Node.Id, KindNames.Of(element.Node.Kind));
    }

    /// <summary>Sends a token along a flow: joins count it, other targets are activated.</summary>
    public void TakeFlow(ProcessInstance instance, SequenceFlow flow, ElementInstance scope, Dictionary<string, FeelValue>? variables = null, bool triggered = false)
    {
        History(instance, scope.Key, RecordValueType.Element, RecordIntent.SequenceFlowTaken, flow.Id, null);
        var target = flow.Target;
        if (target.Kind is ElementKind.ParallelGateway or ElementKind.InclusiveGateway && target.Incoming.Count > 1)
        {
            GatewayJoins.Arrive(this, instance, scope, flow);
            return;
        }

        Activate(instance, target, scope, variables, triggered);
    }

    // ---- termination -----------------------------------------------------------------------

    /// <summary>
    /// Terminates an element instance and everything inside it: its children, its open job (its own or a listener's), its
    /// subscriptions and incidents; its behaviour ends its own work (a user task, a called instance). No end listener runs.
    /// True when it is gone; false when it waits (ELEMENT_TERMINATING) for work that ends later — a user task's canceling
    /// listeners, a called instance that waits so, children that wait — and leaves once that is done
    /// (<see cref="ContinueTermination"/>), running its <see cref="ElementInstance.AfterTermination"/> then.
    /// </summary>
    public bool Terminate(ProcessInstance instance, ElementInstance element)
    {
        if (element.Terminating)
        {
            return false;
        }

        // A termination that waited for this element's children gives way to this one.
        element.AfterTermination = null;
        var childrenGone = TerminateChildren(instance, element);
        Jobs.Cancel(instance, element);
        Incidents.EndOpen(element);
        var behavior = ElementTable.BehaviorOf(element);
        behavior.OnTerminate(this, instance, element);
        if (childrenGone && behavior.IsTerminated(this, element))
        {
            Terminated(instance, element);
            return true;
        }

        element.Terminating = true;
        Events.CloseSubscriptions(element);
        History(instance, element.Key, RecordValueType.Element, RecordIntent.ElementTerminating, element.Node.Id, KindNames.Of(element.Node.Kind));
        return false;
    }

    /// <summary>
    /// Terminates <paramref name="element"/>, then runs <paramref name="then"/> in its scope: at once when nothing waits, else
    /// once the element is gone.
    /// </summary>
    public void Terminate(ProcessInstance instance, ElementInstance element, TerminationThen then)
    {
        var scope = element.Scope!;
        var already = element.Terminating;
        if (Terminate(instance, element))
        {
            RunThen(instance, scope, then);
        }
        else if (!already)
        {
            // An element that was terminating already keeps what its first terminator does next.
            element.AfterTermination = then;
        }
    }

    /// <summary>
    /// Terminates every element instance directly inside <paramref name="scope"/> but <paramref name="keep"/> (and what is inside
    /// those); the scope stays. True when all are gone; those that wait leave later, and the scope completes once it is empty.
    /// </summary>
    public bool TerminateChildren(ProcessInstance instance, ElementInstance scope, ElementInstance? keep = null)
    {
        var gone = true;
        foreach (var child in instance.Elements.Values.Where(e => e.Scope == scope && e != keep).ToList())
        {
            gone &= Terminate(instance, child);
        }

        return gone;
    }

    /// <summary>
    /// Terminates every element instance directly inside <paramref name="scope"/>, then runs <paramref name="then"/> in the scope:
    /// at once when nothing waits, else once the last of them is gone (a scope that waits so already keeps its first).
    /// </summary>
    public void TerminateChildren(ProcessInstance instance, ElementInstance scope, TerminationThen then)
    {
        if (TerminateChildren(instance, scope))
        {
            RunThen(instance, scope, then);
        }
        else
        {
            scope.AfterTermination ??= then;
        }
    }

    /// <summary>Cancels a whole instance; when something in it waits (canceling listeners), the instance ends once that is done.</summary>
    public void TerminateInstance(ProcessInstance instance)
    {
        if (instance.Root is { } root && instance.Elements.ContainsKey(root.Key))
        {
            Terminate(instance, root);
            return;
        }

        EndTerminated(instance);
    }

    /// <summary>
    /// Something a terminating element waited for is done (its canceling listeners, its called instance, a child): once nothing
    /// is left it leaves, its <see cref="ElementInstance.AfterTermination"/> runs in its scope, and its scope hears of it.
    /// </summary>
    public void ContinueTermination(ProcessInstance instance, ElementInstance element)
    {
        if (!element.Terminating || element.ActiveChildren > 0 || !ElementTable.BehaviorOf(element).IsTerminated(this, element))
        {
            return;
        }

        element.Terminating = false;
        var then = element.AfterTermination;
        element.AfterTermination = null;
        Terminated(instance, element);
        if (element.Scope is not { } scope)
        {
            if (Events.TryCaller(instance, out var parent, out var callActivity))
            {
                ContinueTermination(parent, callActivity);
            }

            return;
        }

        // A scope that is terminating, or whose children are all being terminated for something else, drops what came before.
        if (then is not null && !scope.Terminating && scope.AfterTermination is null)
        {
            RunThen(instance, scope, then);
        }

        ChildTerminated(instance, scope);
    }

    /// <summary>A child that had to wait is gone: a terminating scope may go too; a scope waiting for its children goes on.</summary>
    private void ChildTerminated(ProcessInstance instance, ElementInstance scope)
    {
        if (scope.Terminating)
        {
            ContinueTermination(instance, scope);
        }
        else if (instance.Elements.Values.Any(e => e.Scope == scope && e.Terminating))
        {
            return;
        }
        else if (scope.AfterTermination is { Kind: not TerminationThenKind.CompleteScope } then)
        {
            scope.AfterTermination = null;
            RunThen(instance, scope, then);
        }
        else if (scope.ActiveChildren == 0)
        {
            // Empty: it completes (ScopeDone completes one waiting to, too).
            ScopeDone(instance, scope);
        }
    }

    private void RunThen(ProcessInstance instance, ElementInstance scope, TerminationThen then)
    {
        switch (then.Kind)
        {
            case TerminationThenKind.ActivateBoundary:
                Activate(instance, then.Node!, scope, then.Variables, triggered: true);
                break;
            case TerminationThenKind.ActivateEventSubProcess:
                Activate(instance, then.Node!, scope).InterruptVariables = then.Variables;
                break;
            default:
                Complete(instance, scope);
                break;
        }
    }

    /// <summary>The element is gone; the process's root going ends the instance.</summary>
    private void Terminated(ProcessInstance instance, ElementInstance element)
    {
        Leave(instance, element, RecordIntent.ElementTerminated);
        if (element.Scope is null)
        {
            EndTerminated(instance);
        }
    }

    private void EndTerminated(ProcessInstance instance)
    {
        instance.State = LifecycleState.Terminated;
        instance.EndDate = Now;
        instance.Revision++;
    }

    // ---- history ---------------------------------------------------------------------------

    /// <summary>Records what happened; returns the record's position.</summary>
    public long History(ProcessInstance instance, long key, RecordValueType valueType, RecordIntent intent, string? elementId, string? detail) =>
        History(instance.Key, key, valueType, intent, elementId, detail);

    /// <summary>Records what happened; returns the record's position.</summary>
    public long History(long processInstanceKey, long key, RecordValueType valueType, RecordIntent intent, string? elementId, string? detail)
    {
        var position = Store.NextPosition(processInstanceKey);
        Store.Append(new HistoryRecord(position, Now, processInstanceKey, key, valueType, intent, elementId, detail));
        return position;
    }
}

using System.Security.Cryptography;
using System.Text;
using Orchestrator.Dmn;
using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine;

/// <summary>
/// The engine's commands. Each command runs the affected instances forward until every token rests
/// in a wait state, then commits once. State transitions depend only on the state, the command and
/// the clock (<see cref="TimeProvider"/>), so tests move time instead of sleeping. Commands are
/// serialized per engine; a refused command throws <see cref="EngineException"/> and changes nothing.
/// </summary>
public sealed class WorkflowEngine
{
    private readonly object _gate = new();
    private readonly IEngineObserver? _observer;

    /// <summary>Creates an engine over a store.</summary>
    public WorkflowEngine(IEngineStore store, TimeProvider clock, EngineOptions? options = null, IEngineObserver? observer = null, FeelEngine? feel = null)
    {
        Store = store;
        Clock = clock;
        Options = options ?? new EngineOptions();
        _observer = observer;
        Feel = feel ?? new FeelEngine(new FeelEngineOptions { Clock = clock });
        Dmn = new DmnEngine(Feel);
    }

    /// <summary>The DMN engine decision models are parsed with (on <see cref="Feel"/>).</summary>
    public DmnEngine Dmn { get; }

    /// <summary>The state.</summary>
    public IEngineStore Store { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The settings.</summary>
    public EngineOptions Options { get; }

    /// <summary>The FEEL engine models are parsed with (its clock is the engine's).</summary>
    public FeelEngine Feel { get; }

    // ---- deployment -----------------------------------------------------------------------

    /// <summary>
    /// Deploys resources together: every model is validated first and any problem refuses the whole
    /// deployment. A process or form whose content is unchanged keeps its version; a changed one gets
    /// the next version. Start events of new versions replace those of older versions.
    /// </summary>
    public Deployment Deploy(IEnumerable<DeploymentResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var list = resources.ToList();
        var problems = new List<ModelProblem>();
        var parsed = new List<(DeploymentResource Resource, ProcessModel Model)>();
        var forms = new List<(DeploymentResource Resource, string Id)>();
        var decisions = new List<(DeploymentResource Resource, DmnModelSet Model)>();
        foreach (var resource in list)
        {
            if (resource.Name.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    decisions.Add((resource, Dmn.Parse(resource.Name, resource.Content)));
                }
                catch (DmnValidationException ex)
                {
                    problems.AddRange(ex.Problems.Select(p => new ModelProblem(resource.Name, p.ElementId, p.Line, 0, p.Message)));
                }

                continue;
            }

            if (resource.Name.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || resource.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                var result = BpmnParser.Parse(resource.Content, resource.Name, Feel);
                problems.AddRange(result.Problems);
                parsed.AddRange(result.Processes.Select(p => (resource, p)));
            }
            else if (resource.Name.EndsWith(".form", StringComparison.OrdinalIgnoreCase) || resource.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                if (FormReader.Id(resource, out var problem) is { } id)
                {
                    forms.Add((resource, id));
                }
                else
                {
                    problems.Add(problem!);
                }
            }
            else
            {
                problems.Add(new ModelProblem(resource.Name, null, 0, 0, "only .bpmn, .dmn and .form resources can be deployed"));
            }
        }

        if (list.Count == 0)
        {
            problems.Add(new ModelProblem("-", null, 0, 0, "the deployment has no resources"));
        }

        foreach (var duplicate in parsed.GroupBy(p => p.Model.BpmnProcessId).Where(g => g.Count() > 1))
        {
            problems.Add(new ModelProblem(duplicate.Last().Resource.Name, duplicate.Key, 0, 0, $"the process id '{duplicate.Key}' is deployed twice in this deployment"));
        }

        foreach (var duplicate in decisions.SelectMany(d => d.Model.Decisions.Where(i => !i.IsService).Select(i => (d.Resource, i.Id))).GroupBy(d => d.Id).Where(g => g.Count() > 1))
        {
            problems.Add(new ModelProblem(duplicate.Last().Resource.Name, duplicate.Key, 0, 0, $"the decision id '{duplicate.Key}' is deployed twice in this deployment"));
        }

        foreach (var duplicate in decisions.GroupBy(d => d.Model.DefinitionsId).Where(g => g.Count() > 1))
        {
            problems.Add(new ModelProblem(duplicate.Last().Resource.Name, duplicate.Key, 0, 0, $"the decision requirements id '{duplicate.Key}' is deployed twice in this deployment"));
        }

        if (problems.Count > 0)
        {
            throw new DeploymentException(problems);
        }

        return Execute(runner =>
        {
            var key = Store.NextKey();
            var deployedDecisions = decisions.Select(d => DeployDecisions(key, d.Resource, d.Model)).ToList();
            var processes = parsed.Select(p => DeployProcess(runner, key, p.Resource, p.Model)).ToList();
            var deployedForms = forms.Select(f => DeployForm(key, f.Resource, f.Id)).ToList();
            return new Deployment(key, processes, deployedForms, deployedDecisions);
        });
    }

    /// <summary>
    /// Undeploys a process version, a form version or a DMN model version with its decisions that nothing uses (Camunda's
    /// <c>POST /v2/resources/{key}/deletion</c>). A process version goes only while no instance of it exists, running or
    /// finished, and — when it is the latest version — only when it has no message, timer or signal start event (the previous
    /// version's start subscriptions are not re-opened). A form version goes only while no open user task shows it and, when it
    /// is the only version of its form id, no deployed process links to that id. A DMN model version goes unless it holds the
    /// only version of a decision a deployed process calls by its literal id. The previous version becomes the latest; the
    /// undeployed number is never given again.
    /// </summary>
    /// <returns>The id and version of what was removed, for messages.</returns>
    /// <exception cref="EngineException">Nothing is deployed with this key (<see cref="EngineError.NotFound"/>), or it is in use (<see cref="EngineError.InvalidState"/>).</exception>
    public (string Id, int Version) DeleteResource(long resourceKey) => Execute(_ =>
    {
        if (Store.Definitions.GetByKey(resourceKey) is { } definition)
        {
            var label = $"process '{definition.BpmnProcessId}' v{definition.Version}";
            var instances = Store.CountInstances(definition.Key);
            if (instances > 0)
            {
                throw new EngineException(EngineError.InvalidState,
                    $"{instances} {(instances == 1 ? "instance" : "instances")} of {label} {(instances == 1 ? "exists" : "exist")}; only a version without instances can be undeployed");
            }

            if (Store.Definitions.GetLatest(definition.BpmnProcessId)?.Key == definition.Key
                && definition.Model.StartEvents.Any(s => s.Event.Kind is EventKind.Message or EventKind.Timer or EventKind.Signal))
            {
                throw new EngineException(EngineError.InvalidState,
                    $"{label} is the latest version and has message, timer or signal start events; undeploying it would leave the previous version without its start subscriptions");
            }

            Store.Definitions.Remove(definition);
            return (definition.BpmnProcessId, definition.Version);
        }

        if (Store.Definitions.GetForm(resourceKey) is { } form)
        {
            var label = $"form '{form.FormId}' v{form.Version}";
            var tasks = Store.UserTasks.Count(t => t.FormKey == form.Key);
            if (tasks > 0)
            {
                throw new EngineException(EngineError.InvalidState, $"{tasks} open {(tasks == 1 ? "user task shows" : "user tasks show")} {label}");
            }

            if (Store.Definitions.Forms.All(f => f.FormId != form.FormId || f.Key == form.Key)
                && Store.Definitions.All.FirstOrDefault(d => d.Model.Elements.Values.Any(e => e.UserTask?.FormId == form.FormId)) is { } linking)
            {
                throw new EngineException(EngineError.InvalidState,
                    $"process '{linking.BpmnProcessId}' v{linking.Version} links to form '{form.FormId}' and v{form.Version} is its only version");
            }

            Store.Definitions.Remove(form);
            return (form.FormId, form.Version);
        }

        if (Store.Definitions.DecisionRequirements.FirstOrDefault(r => r.Key == resourceKey) is { } requirements)
        {
            // As for forms: a decision id a deployed process calls by name keeps at least one version.
            var label = $"decision model '{requirements.DecisionRequirementsId}' v{requirements.Version}";
            foreach (var decision in requirements.Decisions.Where(d => Store.Definitions.DecisionRequirements
                         .All(r => r.Key == requirements.Key || r.Decisions.All(other => other.DecisionId != d.DecisionId))))
            {
                if (Store.Definitions.All.FirstOrDefault(p => p.Model.Elements.Values.Any(e => e.CalledDecision is { DecisionId: { IsExpression: false } id } && id.Literal == decision.DecisionId)) is { } calling)
                {
                    throw new EngineException(EngineError.InvalidState,
                        $"process '{calling.BpmnProcessId}' v{calling.Version} calls decision '{decision.DecisionId}' and {label} holds its only version");
                }
            }

            Store.Definitions.Remove(requirements);
            return (requirements.DecisionRequirementsId, requirements.Version);
        }

        throw new EngineException(EngineError.NotFound, $"no process definition, form or decision model with key {resourceKey}");
    });

    private DecisionRequirements DeployDecisions(long deploymentKey, DeploymentResource resource, DmnModelSet model)
    {
        var checksum = Checksum(resource.Content);
        var latest = Store.Definitions.GetLatestDecisionRequirements(model.DefinitionsId);
        if (latest is not null && latest.Checksum == checksum)
        {
            return latest;
        }

        var requirements = new DecisionRequirements
        {
            Key = Store.NextKey(),
            DecisionRequirementsId = model.DefinitionsId,
            Name = model.Name,
            Version = Store.Definitions.HighestDecisionRequirementsVersion(model.DefinitionsId) + 1,
            ResourceName = resource.Name,
            Xml = resource.Content,
            DeploymentKey = deploymentKey,
            Checksum = checksum,
            Model = model,
        };
        foreach (var decision in model.Decisions.Where(d => !d.IsService))
        {
            requirements.Decisions.Add(new DecisionDefinition
            {
                Key = Store.NextKey(),
                DecisionId = decision.Id,
                Name = decision.Name,
                Version = Store.Definitions.HighestDecisionVersion(decision.Id) + 1,
                Logic = decision.Logic,
                VersionTag = decision.VersionTag,
                Requirements = requirements,
            });
        }

        Store.Definitions.Add(requirements);
        return requirements;
    }

    /// <summary>
    /// Evaluates a deployed decision (the latest version of <paramref name="decisionId"/>, or the version <paramref name="decisionKey"/>)
    /// with <paramref name="variables"/>, outside any process, and records the evaluation; a failed evaluation is recorded too and
    /// returned with its failure (Camunda's <c>POST /v2/decision-definitions/evaluation</c>).
    /// </summary>
    /// <exception cref="EngineException">Neither or both of key and id are given, or the decision is not deployed.</exception>
    public DecisionEvaluation EvaluateDecision(long? decisionKey, string? decisionId, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        Admit(variables);
        return Execute(runner =>
        {
            if ((decisionKey is null) == (decisionId is null))
            {
                throw new EngineException(EngineError.InvalidArgument, "give either a decision definition key or a decision definition id");
            }

            var decision = decisionKey is { } key
                ? Store.Definitions.GetDecision(key) ?? throw new EngineException(EngineError.NotFound, $"no decision definition with key {key}")
                : Store.Definitions.GetLatestDecision(decisionId!) ?? throw new EngineException(EngineError.NotFound, $"no decision definition with id '{decisionId}'");
            var scope = new FeelContext(variables ?? new Dictionary<string, FeelValue>());
            return DecisionCalls.Evaluate(Store, decision, scope, runner.Now, Options.Limits);
        });
    }

    private ProcessDefinition DeployProcess(Runner runner, long deploymentKey, DeploymentResource resource, ProcessModel model)
    {
        var checksum = Checksum(resource.Content);
        var latest = Store.Definitions.GetLatest(model.BpmnProcessId);
        if (latest is not null && latest.Checksum == checksum)
        {
            return latest;
        }

        var definition = new ProcessDefinition
        {
            Key = Store.NextKey(),
            BpmnProcessId = model.BpmnProcessId,
            Version = Store.Definitions.HighestVersion(model.BpmnProcessId) + 1,
            ResourceName = resource.Name,
            Xml = resource.Content,
            DeploymentKey = deploymentKey,
            Model = model,
            Checksum = checksum,
        };
        Store.Definitions.Add(definition);
        foreach (var old in Store.Subscriptions.Where(s => s.ProcessInstanceKey is null && s.Definition.BpmnProcessId == model.BpmnProcessId).ToList())
        {
            Store.RemoveSubscription(old);
            if (old.Kind == EventKind.Timer)
            {
                runner.AfterCommit(observer => observer.TimerCanceled(old.Key));
            }
        }

        foreach (var start in model.StartEvents.Where(s => s.Event.Kind is EventKind.Message or EventKind.Timer or EventKind.Signal))
        {
            OpenStartSubscription(runner, definition, start);
        }

        return definition;
    }

    private void OpenStartSubscription(Runner runner, ProcessDefinition definition, FlowNode start)
    {
        var empty = FeelContext.Empty;
        var name = start.Event.MessageName ?? start.Event.SignalName;
        var subscription = new Subscription
        {
            Key = Store.NextKey(),
            Kind = start.Event.Kind,
            Definition = definition,
            CatchElement = start,
            Name = name?.Evaluate(empty).Value is FeelString s ? s.Value : name?.Text,
        };
        if (start.Event.Kind == EventKind.Timer)
        {
            var value = start.Event.Timer!.Evaluate(empty).Value;
            if (!Execution.Timers.TimerSchedule.TryCreate(start.Event.TimerKind, value, runner.Now, out var schedule, out var error))
            {
                throw new DeploymentException([new ModelProblem(definition.ResourceName, start.Id, start.Line, 0, $"invalid timer: {error}")]);
            }

            subscription = new Subscription
            {
                Key = subscription.Key, Kind = EventKind.Timer, Definition = definition, CatchElement = start,
                DueDate = schedule!.FirstDue, RepetitionsLeft = schedule.Repetitions, Schedule = schedule,
            };
            runner.AfterCommit(observer => observer.TimerScheduled(subscription));
        }

        Store.AddSubscription(subscription);
    }

    private FormDefinition DeployForm(long deploymentKey, DeploymentResource resource, string formId)
    {
        var checksum = Checksum(resource.Content);
        var latest = Store.Definitions.GetLatestForm(formId);
        if (latest is not null && latest.Checksum == checksum)
        {
            return latest;
        }

        var form = new FormDefinition
        {
            Key = Store.NextKey(),
            FormId = formId,
            Version = Store.Definitions.HighestFormVersion(formId) + 1,
            ResourceName = resource.Name,
            Schema = resource.Content,
            DeploymentKey = deploymentKey,
            Checksum = checksum,
        };
        Store.Definitions.Add(form);
        return form;
    }

    private static string Checksum(string content) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    // ---- instances ------------------------------------------------------------------------

    /// <summary>Starts an instance of the latest (or the given) version of a process at its none start event.</summary>
    public ProcessInstance CreateInstance(string bpmnProcessId, int? version = null, IReadOnlyDictionary<string, FeelValue>? variables = null)
    {
        var definition = (version is { } v ? Store.Definitions.GetVersion(bpmnProcessId, v) : Store.Definitions.GetLatest(bpmnProcessId))
            ?? throw (version is null && Store.Definitions.HighestVersion(bpmnProcessId) is > 0 and var highest
                ? new EngineException(EngineError.InvalidState,
                    $"the latest version ({highest}) of process '{bpmnProcessId}' could not be loaded at start-up (see the server's log); deploy a fixed version")
                : new EngineException(EngineError.NotFound, $"no process '{bpmnProcessId}'{(version is null ? string.Empty : $" version {version}")} is deployed"));
        return CreateInstance(definition, variables);
    }

    /// <summary>Starts an instance of a process version at its none start event.</summary>
    public ProcessInstance CreateInstance(long processDefinitionKey, IReadOnlyDictionary<string, FeelValue>? variables = null)
    {
        var definition = Store.Definitions.GetByKey(processDefinitionKey)
            ?? throw new EngineException(EngineError.NotFound, $"no process definition with key {processDefinitionKey}");
        return CreateInstance(definition, variables);
    }

    private ProcessInstance CreateInstance(ProcessDefinition definition, IReadOnlyDictionary<string, FeelValue>? variables) =>
        Execute(runner =>
        {
            Admit(variables);
            return runner.StartInstance(definition, null, variables is null ? null : new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal));
        });

    /// <summary>
    /// Activates inner elements of an active ad-hoc subprocess (each with its own local <c>Variables</c>), terminating what
    /// still runs inside first when <paramref name="cancelRemainingInstances"/>; an <paramref name="actor"/> is recorded in its history.
    /// </summary>
    /// <exception cref="EngineException">No such active ad-hoc subprocess (not found), or an element it cannot activate (invalid argument).</exception>
    public void ActivateAdHocElements(long adHocElementInstanceKey, IReadOnlyList<AdHocActivation> elements, bool cancelRemainingInstances = false, string? actor = null) => Execute(runner =>
    {
        ArgumentNullException.ThrowIfNull(elements);
        var (instance, adHoc) = FindElement(adHocElementInstanceKey);
        if (adHoc.Node.Kind != ElementKind.AdHocSubProcess || adHoc.IsMultiInstanceBody)
        {
            throw new EngineException(EngineError.NotFound, $"element instance {adHocElementInstanceKey} is not an ad-hoc subprocess");
        }

        if (adHoc.Terminating || adHoc.AfterTermination is not null)
        {
            throw new EngineException(EngineError.InvalidState,
                $"ad-hoc subprocess {adHocElementInstanceKey} is {(adHoc.Terminating ? "being terminated" : "completing")}: it activates nothing any more");
        }

        if (elements.Count == 0)
        {
            throw new EngineException(EngineError.InvalidArgument, "elements: name at least one element to activate");
        }

        Elements.AdHocSubProcesses.AdHocSubProcessBehavior.Check(adHoc.Node, elements, "elements");
        foreach (var element in elements)
        {
            Admit(element.Variables);
        }

        if (cancelRemainingInstances)
        {
            runner.TerminateChildren(instance, adHoc);
        }

        Audit(runner, instance.Key, RecordIntent.AdHocElementsActivated, adHoc.Node.Id, actor, string.Join(", ", elements.Select(e => e.ElementId)));
        Elements.AdHocSubProcesses.AdHocSubProcessBehavior.Activate(runner, instance, adHoc, elements);
        return 0;
    });

    /// <summary>Cancels an active instance and everything in it (called instances too); an <paramref name="actor"/> is recorded in its history.</summary>
    /// <exception cref="EngineException">
    /// No such instance (not found); it ended, or a call activity started it (invalid state, naming the root instance to cancel
    /// instead: as in Zeebe, its caller would otherwise wait for it for ever).
    /// </exception>
    public void CancelInstance(long processInstanceKey, string? actor = null) => Execute(runner =>
    {
        var instance = ActiveInstance(processInstanceKey);
        if (instance.ParentInstanceKey is { } parent && runner.TopOf(instance) is var root && root != instance.Key)
        {
            throw new EngineException(EngineError.InvalidState,
                $"process instance {instance.Key} was started by a call activity of process instance {parent}: cancel its root process instance {root} instead");
        }

        Audit(runner, instance.Key, RecordIntent.Canceled, null, actor, null);
        runner.TerminateInstance(instance);
        return 0;
    });

    /// <summary>
    /// Migrates an active instance to another deployed process definition (normally a newer version of its process): each
    /// active element continues as the target element its mapping instruction names, or else as the target's element with the
    /// same id. Keys, jobs (with their worker's lease), user tasks (key, assignee, form), incidents, timers and subscriptions of
    /// the elements and the variables stay; boundary events and event-subprocess starts the target has too keep their
    /// subscriptions, the source's others close and the target's new ones open.
    /// </summary>
    /// <exception cref="EngineException">
    /// No such instance or definition (not found); the instance ended or is in the middle of a step (invalid state); a mapping
    /// that names an unknown element, an active element without a target, a target of another type or in another scope, or an
    /// element kind migration does not support (invalid argument, naming the element).
    /// </exception>
    public void MigrateProcessInstance(long processInstanceKey, long targetProcessDefinitionKey, IReadOnlyList<MigrationMapping> mappings) =>
        MigrateProcessInstance(processInstanceKey, targetProcessDefinitionKey, mappings, null);

    /// <summary>
    /// <see cref="MigrateProcessInstance(long, long, IReadOnlyList{MigrationMapping})"/>, with the <paramref name="actor"/> recorded
    /// in the instance's history.
    /// </summary>
    public void MigrateProcessInstance(long processInstanceKey, long targetProcessDefinitionKey, IReadOnlyList<MigrationMapping> mappings, string? actor) => Execute(runner =>
    {
        ArgumentNullException.ThrowIfNull(mappings);
        var instance = ActiveInstance(processInstanceKey);
        var target = Store.Definitions.GetByKey(targetProcessDefinitionKey)
            ?? throw new EngineException(EngineError.NotFound, $"no process definition with key {targetProcessDefinitionKey}");
        var source = instance.Definition;
        InstanceMigration.Migrate(runner, instance, target, mappings);
        Audit(runner, instance.Key, RecordIntent.Migrated, null, actor,
            new MigrationAudit(source.BpmnProcessId, source.Version, target.BpmnProcessId, target.Version).ToString());
        return 0;
    });

    /// <summary>
    /// Modifies an active instance: activates elements (with variables), terminates element instances and moves tokens, all
    /// together or none; a scope left with nothing active is terminated, and so is the instance when nothing is left in it. An
    /// <paramref name="actor"/> is recorded in its history.
    /// </summary>
    /// <exception cref="EngineException">
    /// No such instance (not found); it ended (invalid state); an instruction names an unknown or inactive element, an element
    /// that cannot be activated by hand, or an ambiguous scope (invalid argument, naming the field and the element).
    /// </exception>
    public void ModifyProcessInstance(long processInstanceKey, ProcessInstanceModification modification, string? actor = null) => Execute(runner =>
    {
        ArgumentNullException.ThrowIfNull(modification);
        var instance = ActiveInstance(processInstanceKey);
        foreach (var variables in (modification.Activate ?? []).SelectMany(a => a?.Variables ?? [])
            .Concat((modification.Move ?? []).SelectMany(m => m?.Variables ?? [])))
        {
            Admit(variables?.Variables);
        }

        var what = InstanceModification.Modify(runner, instance, modification);
        Audit(runner, instance.Key, RecordIntent.Modified, null, actor, what);
        return 0;
    });

    /// <summary>
    /// Sets variables on an element instance's scope: locally, or propagated to where each exists (else the process); an
    /// <paramref name="actor"/> is recorded in the instance's history with the variables' names.
    /// </summary>
    /// <remarks>
    /// Local variables of a Camunda user task whose model has updating task listeners are an update of the task, as Camunda
    /// 8.8 treats them: they are set once the listeners are done (the state returned is then <see cref="UserTaskState.Updating"/>),
    /// or not at all when one denies; the task must be open and not in another change.
    /// </remarks>
    public UserTaskChange? SetVariables(long elementInstanceKey, IReadOnlyDictionary<string, FeelValue> variables, bool local, string? actor = null) => Execute(runner =>
    {
        ArgumentNullException.ThrowIfNull(variables);
        Admit(variables);
        var (instance, element) = FindElement(elementInstanceKey);
        Audit(runner, instance.Key, RecordIntent.VariablesSet, element.Node.Id, actor, string.Join(", ", variables.Keys));
        if (local && element.UserTaskKey is { } taskKey && element.Node.UserTask!.ListenersOf(ListenerEventType.Updating).Count > 0)
        {
            var (task, _, _) = OpenUserTask(taskKey, "update");
            instance.Revision++;
            return runner.TaskListeners.ChangeUserTask(instance, element, task, new UserTaskTransition
            {
                Event = ListenerEventType.Updating,
                Action = "update",
                Variables = new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal),
            });
        }

        if (local)
        {
            foreach (var (name, value) in variables)
            {
                runner.Variables.SetLocal(instance, element, name, value);
            }
        }
        else
        {
            runner.Variables.Propagate(instance, element, variables);
        }

        instance.Revision++;
        return (UserTaskChange?)null;
    });

    // ---- jobs -----------------------------------------------------------------------------

    /// <summary>Leases up to <paramref name="maxJobs"/> activatable jobs of a type to a worker until now + <paramref name="timeout"/>.</summary>
    public IReadOnlyList<ActivatedJob> ActivateJobs(string type, string worker, TimeSpan timeout, int maxJobs, IReadOnlyCollection<string>? fetchVariables = null)
    {
        if (maxJobs <= 0 || timeout <= TimeSpan.Zero)
        {
            throw new EngineException(EngineError.InvalidArgument, "maxJobsToActivate and timeout must be greater than zero");
        }

        return Execute(runner =>
        {
            var activated = new List<ActivatedJob>();
            foreach (var job in Store.ActivatableJobs(type, runner.Now).Take(maxJobs))
            {
                // Activation changes the job alone: reading the instance without marking it keeps its row from being rewritten per lease.
                if (Store.ReadInstance(job.ProcessInstanceKey) is not { } instance || !instance.Elements.TryGetValue(job.ElementInstanceKey, out var element))
                {
                    continue;
                }

                job.State = JobState.Activated;
                job.Worker = worker;
                job.Deadline = runner.Now + timeout;
                runner.History(instance, job.Key, RecordValueType.Job, RecordIntent.Activated, job.ElementId, worker);
                runner.AfterCommit(observer => observer.JobActivated(job));
                var visible = VariableBehavior.ScopeOf(element).Collect();
                if (fetchVariables is { Count: > 0 })
                {
                    visible = visible.Where(v => fetchVariables.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                }

                activated.Add(new ActivatedJob
                {
                    Key = job.Key,
                    Type = job.Type,
                    ProcessInstanceKey = job.ProcessInstanceKey,
                    BpmnProcessId = job.Definition.BpmnProcessId,
                    ProcessDefinitionKey = job.Definition.Key,
                    ProcessDefinitionVersion = job.Definition.Version,
                    ElementId = job.ElementId,
                    ElementInstanceKey = job.ElementInstanceKey,
                    CustomHeaders = job.CustomHeaders,
                    Worker = worker,
                    Retries = job.Retries,
                    Deadline = job.Deadline.Value,
                    Variables = visible,
                    Kind = job.Kind,
                    ListenerEventType = job.ListenerEventType,
                });
            }

            return activated;
        });
    }

    /// <summary>Completes a job; its variables go to the process as Zeebe propagates them.</summary>
    public void CompleteJob(long jobKey, IReadOnlyDictionary<string, FeelValue>? variables = null, AdHocJobResult? adHocResult = null, UserTaskJobResult? userTaskResult = null) => Execute(runner =>
    {
        Admit(variables);
        foreach (var activation in adHocResult?.ActivateElements ?? [])
        {
            Admit(activation.Variables);
        }

        var (job, instance, element) = OpenJob(jobKey, "complete");
        if (job.Kind == JobKind.TaskListener)
        {
            CheckTaskListenerResult(job, element, variables, adHocResult, userTaskResult);
            JobDone(runner, instance, element, job);
            runner.TaskListeners.TaskListenerDone(instance, element, job, userTaskResult);
            return 0;
        }

        if (userTaskResult is not null)
        {
            throw new EngineException(EngineError.InvalidArgument, $"result: job {jobKey} is not a task listener's job, so it takes no userTask result");
        }

        if (job.Kind == JobKind.ExecutionListener)
        {
            if (adHocResult is not null)
            {
                throw new EngineException(EngineError.InvalidArgument, $"result: job {jobKey} is an execution listener's job, so it takes no result");
            }

            JobDone(runner, instance, element, job);
            runner.Listeners.ExecutionListenerDone(instance, element, job, variables);
            return 0;
        }

        var adHoc = element.Node.Kind == ElementKind.AdHocSubProcess && !element.IsMultiInstanceBody;
        if (adHocResult is not null && !adHoc)
        {
            throw new EngineException(EngineError.InvalidArgument, $"result: job {jobKey} is not an ad-hoc subprocess's job, so it takes no adHocSubProcess result");
        }

        if (adHocResult is { CompletionConditionFulfilled: true, ActivateElements.Count: > 0 })
        {
            throw new EngineException(EngineError.InvalidArgument, "result: an ad-hoc subprocess's job either activates elements or fulfils its completion condition, not both");
        }

        if (adHocResult is not null)
        {
            Elements.AdHocSubProcesses.AdHocSubProcessBehavior.Check(element.Node, adHocResult.ActivateElements, "result.activateElements");
        }

        JobDone(runner, instance, element, job);
        if (adHoc)
        {
            // The worker's variables stay in the subprocess's scope; its result says what happens next.
            runner.Variables.Propagate(instance, element, variables);
            Elements.AdHocSubProcesses.AdHocSubProcessBehavior.WorkerAnswered(runner, instance, element, adHocResult ?? new AdHocJobResult([], false, false));
        }
        else
        {
            runner.Complete(instance, element, variables is null ? null : new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal));
        }

        return 0;
    });

    /// <summary>A job completed: its element no longer waits for it.</summary>
    private static void JobDone(Runner runner, ProcessInstance instance, ElementInstance element, Job job)
    {
        job.State = JobState.Completed;
        element.JobKey = null;
        runner.History(instance, job.Key, RecordValueType.Job, RecordIntent.Completed, job.ElementId, null);
        runner.AfterCommit(observer => observer.JobCompleted(job));
    }

    /// <summary>What Camunda refuses in a task listener's job completion: variables, a denial while creating or canceling, a denial with corrections, corrections while canceling, a creating listener's assignee the model set.</summary>
    private void CheckTaskListenerResult(Job job, ElementInstance element, IReadOnlyDictionary<string, FeelValue>? variables, AdHocJobResult? adHocResult, UserTaskJobResult? result)
    {
        var which = $"(job key '{job.Key}', type '{job.Type}', processInstanceKey '{job.ProcessInstanceKey}')";
        if (variables is { Count: > 0 })
        {
            throw new EngineException(EngineError.InvalidArgument, $"Task Listener job completion with variables payload provided is not yet supported {which}.");
        }

        if (adHocResult is not null)
        {
            throw new EngineException(EngineError.InvalidArgument, $"result: job {job.Key} is a task listener's job, so it takes a userTask result, not an adHocSubProcess one");
        }

        // In the order Camunda checks them.
        var eventName = job.ListenerEventType.ToString().ToUpperInvariant();
        if (result is { Denied: true } && job.ListenerEventType is ListenerEventType.Creating or ListenerEventType.Canceling)
        {
            throw new EngineException(EngineError.InvalidArgument,
                $"Denying result is not supported for '{eventName}' task listener jobs {which}. Only the following listener event types support denying: [ASSIGNING, COMPLETING, UPDATING].");
        }

        if (result is { Denied: true, Corrections.Count: > 0 })
        {
            throw new EngineException(EngineError.InvalidArgument,
                $"Expected to complete task listener job with corrections, but the job result is denied {which}. The corrections would be reverted by the denial. " +
                "Either complete the job with corrections without setting denied, or complete the job with a denied result but no corrections.");
        }

        if (job.ListenerEventType == ListenerEventType.Canceling && result?.Corrections is { Count: > 0 })
        {
            throw new EngineException(EngineError.InvalidArgument,
                $"Correcting is not supported for '{eventName}' task listener jobs {which}: the task is being canceled.");
        }

        // While creating, the task holds the assignee the model's expression gave (or it is pending for the assigning listeners).
        if (job.ListenerEventType == ListenerEventType.Creating && result?.Corrections?.ContainsKey("assignee") == true
            && (element.TaskTransition?.ThenAssign is not null || Store.GetUserTask(element.UserTaskKey ?? 0)?.Assignee is not null))
        {
            throw new EngineException(EngineError.InvalidArgument,
                $"Expected to complete task listener job, but correcting the assignee on 'CREATING' event is not supported when the user task has an assignee defined in the model {which}. " +
                "Use the 'CREATING' event to set an assignee only if it was not defined. Use the 'ASSIGNING' event to correct an assignee that is already defined.");
        }

        foreach (var (name, value) in result?.Corrections ?? new Dictionary<string, FeelValue>())
        {
            if (!TaskListenerBehavior.TaskAttributes.Contains(name))
            {
                throw new EngineException(EngineError.InvalidArgument,
                    $"Expected to complete task listener job with a corrections result, but property '{name}' cannot be corrected {which}. Only the following properties can be corrected: [{string.Join(", ", TaskListenerBehavior.TaskAttributes)}].");
            }

            if (name == "priority" && value is not FeelNumber { Value: >= 0 and <= 100 })
            {
                throw new EngineException(EngineError.InvalidArgument, $"result.corrections.priority must be a whole number from 0 to 100, not {value}");
            }

            if (name == "assignee" && value is FeelString corrected && TextLimits.CheckAssignee(corrected.Value) is { } tooLong)
            {
                throw new EngineException(EngineError.InvalidArgument, $"result.corrections.assignee: {tooLong}");
            }
        }
    }

    /// <summary>Fails a job: with retries left it becomes activatable again after the back-off; without, an incident JOB_NO_RETRIES opens.</summary>
    public void FailJob(long jobKey, int retries, string? errorMessage = null, TimeSpan retryBackOff = default, IReadOnlyDictionary<string, FeelValue>? variables = null) => Execute(runner =>
    {
        Admit(variables);
        var (job, instance, element) = OpenJob(jobKey, "fail");
        job.Retries = Math.Max(0, retries);
        job.ErrorMessage = errorMessage;
        job.Worker = null;
        job.Deadline = null;
        foreach (var (name, value) in variables ?? new Dictionary<string, FeelValue>())
        {
            runner.Variables.SetLocal(instance, element, name, value);
        }

        runner.History(instance, job.Key, RecordValueType.Job, RecordIntent.Failed, job.ElementId, errorMessage);
        runner.AfterCommit(observer => observer.JobFailed(job));
        if (job.Retries > 0)
        {
            job.State = JobState.Activatable;
            job.RetryAt = retryBackOff > TimeSpan.Zero ? runner.Now + retryBackOff : null;
            runner.AfterCommit(observer => observer.JobsAvailable(job.Type));
        }
        else
        {
            job.State = JobState.Failed;
            var type = job.Kind switch
            {
                JobKind.ExecutionListener => IncidentType.ExecutionListenerNoRetries,
                JobKind.TaskListener => IncidentType.TaskListenerNoRetries,
                _ => IncidentType.JobNoRetries,
            };
            runner.Incidents.Raise(instance, element, type, errorMessage ?? "No more retries left.", job.Key);
        }

        return 0;
    });

    /// <summary>Throws a BPMN error from a job's element; uncaught, it opens an incident UNHANDLED_ERROR_EVENT.</summary>
    public void ThrowJobError(long jobKey, string errorCode, string? errorMessage = null, IReadOnlyDictionary<string, FeelValue>? variables = null) => Execute(runner =>
    {
        if (string.IsNullOrWhiteSpace(errorCode))
        {
            throw new EngineException(EngineError.InvalidArgument, "errorCode must not be empty");
        }

        Admit(variables);

        var (job, instance, element) = OpenJob(jobKey, "throw an error for");
        if (job.Kind != JobKind.BpmnElement)
        {
            throw new EngineException(EngineError.InvalidState,
                $"Cannot throw BPMN error from {RecordNames.Upper(job.Kind.ToString())} job with key '{job.Key}', type '{job.Type}' and processInstanceKey '{job.ProcessInstanceKey}'");
        }

        job.State = JobState.ErrorThrown;
        job.ErrorCode = errorCode;
        job.ErrorMessage = errorMessage;
        runner.History(instance, job.Key, RecordValueType.Job, RecordIntent.ErrorThrown, job.ElementId, errorCode);
        runner.AfterCommit(observer => observer.JobErrorThrown(job));
        runner.Events.ThrowError(instance, element, errorCode, errorMessage, variables is null ? null : new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal), fromJob: true);
        return 0;
    });

    /// <summary>Sets a job's retries (before resolving its JOB_NO_RETRIES incident).</summary>
    public void UpdateJobRetries(long jobKey, int retries) => UpdateJob(jobKey, retries, null);

    /// <summary>
    /// Changes a job in one command: its retries, and the deadline of an activated job to now + <paramref name="timeout"/>;
    /// null leaves either as it is, and a refusal changes neither. An <paramref name="actor"/> is recorded in the instance's history.
    /// </summary>
    public void UpdateJob(long jobKey, int? retries, TimeSpan? timeout, string? actor = null) => Execute(runner =>
    {
        if (retries < 0)
        {
            throw new EngineException(EngineError.InvalidArgument, "retries must not be negative");
        }

        if (Store.GetJob(jobKey) is not { State: not (JobState.Completed or JobState.Canceled or JobState.ErrorThrown) } job)
        {
            throw new EngineException(EngineError.NotFound, $"Expected to update job with key '{jobKey}', but no such job was found");
        }

        if (timeout is not null && job.State != JobState.Activated)
        {
            throw new EngineException(EngineError.InvalidState, $"job {jobKey} is not activated, so it has no timeout to change");
        }

        job.Retries = retries ?? job.Retries;
        job.Deadline = timeout is { } lease ? runner.Now + lease : job.Deadline;
        var changes = string.Join(", ", new[] { retries is { } r ? $"retries {r}" : null, timeout is { } t ? $"timeout {t.TotalMilliseconds} ms" : null }.OfType<string>());
        Audit(runner, job.ProcessInstanceKey, RecordIntent.JobUpdated, job.ElementId, actor, changes);
        return 0;
    });

    /// <summary>A job that can be completed, failed or thrown from; one that ended is no longer there (404, as Camunda answers).</summary>
    private (Job Job, ProcessInstance Instance, ElementInstance Element) OpenJob(long jobKey, string action)
    {
        if (Store.GetJob(jobKey) is not { State: not (JobState.Completed or JobState.Canceled or JobState.ErrorThrown) } job)
        {
            throw new EngineException(EngineError.NotFound, $"Expected to {action} job with key '{jobKey}', but no such job was found");
        }

        if (job.State is not (JobState.Activatable or JobState.Activated))
        {
            throw new EngineException(EngineError.InvalidState, $"job {jobKey} is {job.State.ToString().ToLowerInvariant()}, not activatable or activated");
        }

        var instance = ActiveInstance(job.ProcessInstanceKey);
        if (!instance.Elements.TryGetValue(job.ElementInstanceKey, out var element))
        {
            throw new EngineException(EngineError.InvalidState, $"the element of job {jobKey} is no longer active");
        }

        return (job, instance, element);
    }

    // ---- user tasks -----------------------------------------------------------------------

    /// <summary>
    /// Completes a user task with variables; with <paramref name="assignee"/>, only when the task is assigned to them; with
    /// <paramref name="allowed"/>, only when it finds nothing the caller may not set, given the variables the task sees (its answer
    /// is the refusal, <see cref="EngineError.Forbidden"/>). With completing task listeners the task waits for them (state
    /// <see cref="UserTaskState.Completing"/>, returned) and completes once they are done, unless one denies it.
    /// </summary>
    public UserTaskChange CompleteUserTask(
        long userTaskKey, IReadOnlyDictionary<string, FeelValue>? variables = null, string? assignee = null, Func<IReadOnlyDictionary<string, FeelValue>, string?>? allowed = null) => Execute(runner =>
    {
        Admit(variables);
        var (task, instance, element) = OpenUserTask(userTaskKey, "complete");
        if (assignee is not null && task.Assignee != assignee)
        {
            throw new EngineException(EngineError.InvalidState, task.Assignee is null
                ? $"user task {userTaskKey} is not assigned to anyone; claim it before completing it"
                : $"user task {userTaskKey} is assigned to '{task.Assignee}'; only they can complete it");
        }

        if (allowed?.Invoke(VariableBehavior.ScopeOf(element).Collect()) is { } refusal)
        {
            throw new EngineException(EngineError.Forbidden, refusal);
        }

        var completion = variables is null ? null : new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal);
        if (element.Node.UserTask!.ListenersOf(ListenerEventType.Completing).Count == 0)
        {
            // The common case completes at once, without making a transition for listeners it does not have (a hot path).
            runner.TaskListeners.CompleteTask(instance, element, task, completion);
            return new UserTaskChange(task.State, 0, task.Key, task.ProcessInstanceKey);
        }

        return runner.TaskListeners.ChangeUserTask(instance, element, task, new UserTaskTransition { Event = ListenerEventType.Completing, Action = "complete", Variables = completion });
    });

    /// <summary>
    /// Assigns (or, with null, unassigns) a user task. With <paramref name="allowOverride"/> false it refuses to take the task
    /// from someone else; with a <paramref name="requester"/> (who asks for it), it refuses to change a task assigned to anyone else.
    /// With assigning task listeners the assignment waits for them (the state returned is <see cref="UserTaskState.Assigning"/>).
    /// </summary>
    public UserTaskChange AssignUserTask(long userTaskKey, string? assignee, bool allowOverride = true, string? requester = null) => Execute(runner =>
    {
        var next = string.IsNullOrWhiteSpace(assignee) ? null : assignee;
        if (TextLimits.CheckAssignee(next) is { } tooLong)
        {
            throw new EngineException(EngineError.InvalidArgument, tooLong);
        }

        var (task, instance, element) = OpenUserTask(userTaskKey, next is null ? "unassign" : "assign");
        if (task.Assignee is { } current && current != next && ((!allowOverride && next is not null) || (requester is not null && requester != current)))
        {
            throw new EngineException(EngineError.InvalidState, $"user task {userTaskKey} is already assigned to '{current}'");
        }

        return runner.TaskListeners.ChangeUserTask(instance, element, task, new UserTaskTransition
        {
            Event = ListenerEventType.Assigning,
            Action = next is null ? "unassign" : requester is not null && requester == next ? "claim" : "assign",
            Changes = { ["assignee"] = next is null ? FeelNull.Instance : new FeelString(next) },
        });
    });

    /// <summary>
    /// Changes a user task's schedule, priority and candidates; null leaves a field as it is. With updating task listeners the
    /// change waits for them (the state returned is <see cref="UserTaskState.Updating"/>).
    /// </summary>
    public UserTaskChange UpdateUserTask(long userTaskKey, DateTimeOffset? dueDate = null, DateTimeOffset? followUpDate = null, int? priority = null,
        IReadOnlyList<string>? candidateGroups = null, IReadOnlyList<string>? candidateUsers = null) => Execute(runner =>
    {
        if (priority is < 0 or > 100)
        {
            throw new EngineException(EngineError.InvalidArgument, "priority must be between 0 and 100");
        }

        var (task, instance, element) = OpenUserTask(userTaskKey, "update");
        var transition = new UserTaskTransition { Event = ListenerEventType.Updating, Action = "update" };
        if (dueDate is { } due)
        {
            transition.Changes["dueDate"] = new FeelString(due.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (followUpDate is { } followUp)
        {
            transition.Changes["followUpDate"] = new FeelString(followUp.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (priority is { } p)
        {
            transition.Changes["priority"] = new FeelNumber(p);
        }

        if (candidateGroups is not null)
        {
            transition.Changes["candidateGroupsList"] = FeelList.OfStrings(candidateGroups);
        }

        if (candidateUsers is not null)
        {
            transition.Changes["candidateUsersList"] = FeelList.OfStrings(candidateUsers);
        }

        return runner.TaskListeners.ChangeUserTask(instance, element, task, transition);
    });

    private (UserTask Task, ProcessInstance Instance, ElementInstance Element) OpenUserTask(long key, string action)
    {
        // As Camunda: a task that was completed or canceled is no longer there.
        if (Store.GetUserTask(key) is not { IsOpen: true } task)
        {
            throw new EngineException(EngineError.NotFound, $"Expected to {action} user task with key '{key}', but no such user task was found");
        }

        if (task.State != UserTaskState.Created)
        {
            throw new EngineException(EngineError.InvalidState, $"Expected to {action} user task with key '{key}', but it is in state '{task.State.ToString().ToUpperInvariant()}'");
        }

        var instance = ActiveInstance(task.ProcessInstanceKey);
        return (task, instance, instance.Elements[task.ElementInstanceKey]);
    }

    // ---- messages, signals, timers ----------------------------------------------------------

    /// <summary>
    /// Publishes a message: it correlates to every waiting instance (once each) and message start
    /// event now, and is buffered for <paramref name="timeToLive"/> for subscriptions opened later.
    /// A message id already buffered (or kept, see <paramref name="keepIdFor"/>) is refused. With <paramref name="startInstances"/>
    /// false it only correlates to waiting instances and starts none. With <paramref name="keepIdFor"/> longer than the time to
    /// live, the id stays known that long after the message itself is gone (an inbound broker message whose redelivery must
    /// have no second effect, however short its time to live).
    /// </summary>
    public long PublishMessage(
        string name, string correlationKey, TimeSpan timeToLive = default, string? messageId = null, IReadOnlyDictionary<string, FeelValue>? variables = null,
        bool startInstances = true, TimeSpan keepIdFor = default) =>
        Execute(runner =>
        {
            var message = Publish(runner, name, correlationKey, timeToLive, messageId, variables, startInstances);
            if (message.MessageId is { } id && keepIdFor > timeToLive)
            {
                Store.AddMessage(Message.IdOnly(Store.NextKey(), id, runner.Now + keepIdFor));
            }

            return message.Key;
        });

    /// <summary>Correlates a message to one waiting instance or start event at once, without buffering; the instance key, or null when nothing took it.</summary>
    public long? CorrelateMessage(string name, string correlationKey, IReadOnlyDictionary<string, FeelValue>? variables = null) => Execute(runner =>
    {
        var message = Publish(runner, name, correlationKey, TimeSpan.Zero, null, variables);
        return message.CorrelatedInstances.Count > 0 ? message.CorrelatedInstances.First() : (long?)null;
    });

    private Message Publish(Runner runner, string name, string correlationKey, TimeSpan timeToLive, string? messageId, IReadOnlyDictionary<string, FeelValue>? variables, bool startInstances = true)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new EngineException(EngineError.InvalidArgument, "the message name must not be empty");
        }

        if (timeToLive < TimeSpan.Zero)
        {
            throw new EngineException(EngineError.InvalidArgument, "timeToLive must not be negative");
        }

        if (TextLimits.CheckMessage(name, correlationKey, messageId) is { } refused)
        {
            throw new EngineException(EngineError.InvalidArgument, refused);
        }

        Admit(variables);

        if (!string.IsNullOrEmpty(messageId) && Store.FindMessageById(messageId, runner.Now) is not null)
        {
            throw new EngineException(EngineError.InvalidState, $"a message with id '{messageId}' was already published and its id is still kept");
        }

        var message = new Message
        {
            Key = Store.NextKey(),
            Name = name,
            CorrelationKey = correlationKey ?? string.Empty,
            MessageId = string.IsNullOrEmpty(messageId) ? null : messageId,
            Variables = variables ?? new Dictionary<string, FeelValue>(),
            ExpiresAt = runner.Now + timeToLive,
        };
        runner.Events.CorrelateMessage(message, startInstances);
        if (timeToLive > TimeSpan.Zero)
        {
            Store.AddMessage(message);
        }

        return message;
    }

    /// <summary>
    /// Drops buffered messages whose time-to-live ran out by the clock (they can no longer correlate, and would otherwise
    /// stay in memory and in a durable store for good): at most <paramref name="max"/> in one command, earliest expiry
    /// first. Returns how many went; call again while that is <paramref name="max"/>.
    /// </summary>
    public int PurgeExpiredMessages(int max = 1000)
    {
        if (max <= 0)
        {
            throw new EngineException(EngineError.InvalidArgument, "max must be greater than zero");
        }

        return Execute(runner =>
        {
            var expired = Store.ExpiredMessages(runner.Now).Take(max).ToList();
            foreach (var message in expired)
            {
                Store.RemoveMessage(message);
            }

            return expired.Count;
        });
    }

    /// <summary>Broadcasts a signal to every waiting catch event and signal start event.</summary>
    public void BroadcastSignal(string name, IReadOnlyDictionary<string, FeelValue>? variables = null) => Execute(runner =>
    {
        Admit(variables);
        runner.Events.BroadcastSignal(name, variables is null ? [] : new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal));
        return 0;
    });

    /// <summary>Fires every timer due at the clock's now (and those that become due while firing); returns how many fired.</summary>
    public int FireDueTimers()
    {
        var fired = 0;
        while (fired < Options.MaxTimerFiringsPerCall)
        {
            var firedNow = Execute(runner =>
            {
                var due = Store.DueTimers(runner.Now).ToList();
                foreach (var timer in due)
                {
                    FireTimer(runner, timer);
                }

                return due.Count;
            });
            if (firedNow == 0)
            {
                break;
            }

            fired += firedNow;
        }

        return fired;
    }

    /// <summary>
    /// Fires one timer if it is due (a scheduler's trigger). A timer that already fired, moved on to its next
    /// cycle, or ended with its element does nothing, so a trigger that fires twice is harmless. The instance's
    /// timers due before it fire first, earliest first, whatever order the scheduler's triggers come in: a reminder
    /// due before a breach that interrupts the task is sent even when both came due while the server was down.
    /// </summary>
    public bool FireTimerIfDue(long timerKey) => Execute(runner =>
    {
        if (Store.GetSubscription(timerKey) is not { Kind: EventKind.Timer } timer || timer.DueDate > runner.Now)
        {
            return false;
        }

        foreach (var earlier in EarlierTimersOf(timer))
        {
            FireTimer(runner, earlier);
        }

        FireTimer(runner, timer);
        return true;
    });

    private List<Subscription> EarlierTimersOf(Subscription timer)
    {
        if (timer.ProcessInstanceKey is not { } instanceKey || Store.GetInstance(instanceKey) is not { State: LifecycleState.Active } instance)
        {
            return [];
        }

        return instance.Elements.Values.SelectMany(e => e.Subscriptions ?? []).Where(key => key != timer.Key).Distinct()
            .Select(Store.GetSubscription).OfType<Subscription>()
            .Where(s => s.Kind == EventKind.Timer && (s.DueDate < timer.DueDate || (s.DueDate == timer.DueDate && s.Key < timer.Key)))
            .OrderBy(s => s.DueDate).ThenBy(s => s.Key).ToList();
    }

    /// <summary>Fires one timer now, whether due or not (a timer that already ended does nothing).</summary>
    public void TriggerTimer(long timerKey) => Execute(runner =>
    {
        if (Store.GetSubscription(timerKey) is { Kind: EventKind.Timer } timer)
        {
            FireTimer(runner, timer);
        }

        return 0;
    });

    private void FireTimer(Runner runner, Subscription timer)
    {
        if (timer.ProcessInstanceKey is null)
        {
            runner.StartInstance(timer.Definition, timer.CatchElement, null);
            runner.Events.KeepTimerGoing(timer);
            runner.AfterCommit(observer => observer.TimerFired(timer));
            return;
        }

        if (Store.GetInstance(timer.ProcessInstanceKey.Value) is not { State: LifecycleState.Active } instance)
        {
            Store.RemoveSubscription(timer);
        }
        else if (runner.Events.Trigger(instance, timer, null))
        {
            // A timer an earlier one of the same command closed (an interrupting event subprocess due at the same instant) did not fire.
            runner.AfterCommit(observer => observer.TimerFired(timer));
        }
    }

    // ---- incidents ------------------------------------------------------------------------

    /// <summary>
    /// Resolves an incident: the failed step runs again (a job out of retries needs its retries raised first); an
    /// <paramref name="actor"/> is recorded in the instance's history.
    /// </summary>
    public void ResolveIncident(long incidentKey, string? actor = null) => Execute(runner =>
    {
        var incident = Store.GetIncident(incidentKey) ?? throw new EngineException(EngineError.NotFound, $"no incident with key {incidentKey}");
        if (incident.State != LifecycleState.Active)
        {
            throw new EngineException(EngineError.InvalidState, $"incident {incidentKey} is already resolved");
        }

        var instance = ActiveInstance(incident.ProcessInstanceKey);
        if (!instance.Elements.TryGetValue(incident.ElementInstanceKey, out var element))
        {
            throw new EngineException(EngineError.InvalidState, $"the element of incident {incidentKey} is no longer active");
        }

        if (incident.JobKey is { } jobKey && Store.GetJob(jobKey) is { } job)
        {
            if (incident.Type is IncidentType.JobNoRetries or IncidentType.ExecutionListenerNoRetries or IncidentType.TaskListenerNoRetries && job.Retries <= 0)
            {
                throw new EngineException(EngineError.InvalidState, $"job {jobKey} has no retries left; update its retries before resolving the incident");
            }

            job.State = JobState.Activatable;
            job.RetryAt = null;
            runner.AfterCommit(observer => observer.JobsAvailable(job.Type));
        }

        incident.State = LifecycleState.Completed;
        element.IncidentKey = null;
        Audit(runner, instance.Key, RecordIntent.IncidentResolved, incident.ElementId, actor, null);
        runner.History(instance, incident.Key, RecordValueType.Incident, RecordIntent.Resolved, incident.ElementId, null);
        if (incident.JobKey is null && element.TaskTransition is not null)
        {
            runner.TaskListeners.RestartTaskListeners(instance, element);
        }
        else if (incident.JobKey is null)
        {
            if (element.PendingStep == PendingStep.Complete)
            {
                runner.Complete(instance, element);
            }
            else
            {
                runner.ActivateStep(instance, element, null);
            }
        }

        return 0;
    });

    // ---- queries --------------------------------------------------------------------------

    /// <summary>An instance by key.</summary>
    public ProcessInstance? GetInstance(long key)
    {
        lock (_gate)
        {
            return Store.ReadInstance(key);
        }
    }

    /// <summary>
    /// The scopes whose variables element instance <paramref name="elementInstanceKey"/> of instance <paramref name="processInstanceKey"/>
    /// sees, inner first: itself, each enclosing scope, the process instance — the order in which a name is looked up. Null when
    /// the instance does not hold it (ended, or not here).
    /// </summary>
    public IReadOnlyList<long>? ScopesOf(long processInstanceKey, long elementInstanceKey)
    {
        lock (_gate)
        {
            if (Store.ReadInstance(processInstanceKey)?.Elements.GetValueOrDefault(elementInstanceKey) is not { } element)
            {
                return null;
            }

            var scopes = new List<long>();
            for (var scope = element; scope is not null; scope = scope.Scope)
            {
                scopes.Add(scope.Key);
            }

            return scopes;
        }
    }

    /// <summary>An instance's history.</summary>
    public IReadOnlyList<HistoryRecord> History(long processInstanceKey)
    {
        lock (_gate)
        {
            return Store.History(processInstanceKey).ToList();
        }
    }

    /// <summary>Runs <paramref name="action"/> while no command runs (a store refreshing what other nodes sharing its database changed).</summary>
    public T Exclusive<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            return action();
        }
    }

    // ---- plumbing -------------------------------------------------------------------------

    private ProcessInstance ActiveInstance(long key)
    {
        var instance = Store.GetInstance(key) ?? throw new EngineException(EngineError.NotFound, $"no process instance with key {key}");
        return instance.State == LifecycleState.Active
            ? instance
            : throw new EngineException(EngineError.InvalidState, $"process instance {key} is {instance.State.ToString().ToLowerInvariant()}");
    }

    private (ProcessInstance Instance, ElementInstance Element) FindElement(long elementInstanceKey) =>
        Store.FindInstanceOfElement(elementInstanceKey) is { } instance && instance.Elements.TryGetValue(elementInstanceKey, out var element)
            ? (instance, element)
            : throw new EngineException(EngineError.NotFound, $"no active element instance with key {elementInstanceKey}");

    /// <summary>
    /// An operator's action in the instance's history (<c>OPERATION</c> records: who, and what when <paramref name="what"/> says),
    /// when the command names its <paramref name="actor"/>.
    /// </summary>
    private static void Audit(Runner runner, long processInstanceKey, RecordIntent intent, string? elementId, string? actor, string? what)
    {
        if (actor is not null)
        {
            runner.History(processInstanceKey, processInstanceKey, RecordValueType.Operation, intent, elementId, OperationAudit.Detail(actor, what));
        }
    }

    /// <summary>Refuses a command whose variables pass the <see cref="EngineOptions.Limits"/>.</summary>
    private void Admit(IReadOnlyDictionary<string, FeelValue>? variables)
    {
        if (Options.Limits.Check(variables) is { } violation)
        {
            throw new EngineException(violation.TooLarge ? EngineError.TooLarge : EngineError.InvalidArgument, violation.Message);
        }
    }

    private T Execute<T>(Func<Runner, T> command)
    {
        Runner runner;
        T result;
        lock (_gate)
        {
            runner = new Runner(Store, Clock.GetUtcNow(), Options);
            try
            {
                result = command(runner);
                runner.Run();
                Store.Commit();
            }
            catch
            {
                Store.Rollback();
                throw;
            }
        }

        if (_observer is not null)
        {
            foreach (var effect in runner.Effects)
            {
                effect(_observer);
            }
        }

        return result;
    }
}

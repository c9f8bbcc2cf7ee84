using CsCheck;
using Orchestrator.Engine;
using Orchestrator.Engine.Execution;
using Orchestrator.Engine.InMemory;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Fuzz.Tests.Support;

namespace Orchestrator.Fuzz.Tests.Bpmn;

/// <summary>
/// Mutated models never crash or hang the engine: <see cref="BpmnParser.Parse"/> returns problems (each with a message and a
/// line) instead of throwing; <see cref="WorkflowEngine.Deploy"/> deploys or throws <see cref="DeploymentException"/>; a
/// deployed mutant starts and is driven a few rounds (jobs completed, failed and errored, user tasks completed, messages and
/// signals sent, time moved, incidents resolved) without any exception but <see cref="EngineException"/>.
/// </summary>
public sealed class BpmnFuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static readonly DateTimeOffset Start = new(2024, 3, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>What a shipped workflow is started with (README's walkthrough), so conditions and mappings have values to work on.</summary>
    private static readonly Dictionary<string, FeelValue> Variables = ((FeelContext)FeelJson.FromJson("""
        {
          "orderId": "FUZZ-1", "customerId": "CUST-FUZZ", "customerTier": "standard", "kind": "refund", "category": "electronics",
          "language": "en", "amount": 899, "currency": "CNY", "returnReason": "stopped working", "deliveredAt": "2024-03-11T09:00:00Z",
          "items": [{"sku": "SKU-TABLET", "quantity": 1}], "decision": "approve", "tier": 1, "approved": true,
          "address": {"name": "Li Wei", "street": "1 Nanjing Road", "city": "Shanghai", "postalCode": "200000", "country": "CN"}
        }
        """)).Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>A model from the corpus with structural edits and, now and then, edits of its text (truncation, stray characters).</summary>
    private static readonly Gen<(string Name, string Xml)> Mutant =
        Gen.Select(Gen.Int[0, BpmnCorpus.Models.Count - 1], BpmnMutation.Gen.Array[1, 5], TextMutation.Gen.Array[0, 2], Gen.Int[0, 3],
            (model, edits, textEdits, textChance) =>
            {
                var (name, xml) = BpmnCorpus.Models[model];
                var mutated = BpmnMutation.Apply(xml, edits);
                return (name, textChance == 0 ? TextMutation.Apply(mutated, textEdits, xml) : mutated);
            });

    [Fact]
    public Task MutatedModels_ParseToProcessesOrProblems() =>
        Fuzzer.Check(nameof(MutatedModels_ParseToProcessesOrProblems), Mutant, 600, Budget, m => ParsesToProcessesOrProblems(m.Name, m.Xml), m => m.Xml);

    [Fact]
    public Task MutatedModels_DeployOrAreRefused_AndRunWithoutCrashing() =>
        Fuzzer.Check(nameof(MutatedModels_DeployOrAreRefused_AndRunWithoutCrashing), Mutant, 500, Budget, m => DeploysAndRuns(m.Name, m.Xml), m => m.Xml);

    [Fact]
    public void Corpus_HoldsTheShippedWorkflowsAndFixtures()
    {
        // Act
        var names = BpmnCorpus.Models.Select(m => m.Name).ToList();

        // Assert
        Assert.Contains("return-and-refund.bpmn", names);
        Assert.True(names.Count > 20, $"only {names.Count} models found to mutate");
    }

    private static void ParsesToProcessesOrProblems(string name, string xml)
    {
        var result = BpmnParser.Parse(xml, name, new FeelEngine());

        Assert.True(result.Processes.Count > 0 ^ result.Problems.Count > 0, "a model gives processes or problems, never both or neither");
        Assert.All(result.Problems, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Message));
            Assert.True(p.Line >= 0 && p.Column >= 0, $"problem at line {p.Line}, column {p.Column}: {p.Message}");
        });
    }

    private static void DeploysAndRuns(string name, string xml)
    {
        var clock = new FixedClock(Start);
        var store = new InMemoryEngineStore();
        // Mutants that loop without a wait state are common (a flow rewired backwards); a lower step limit parks them sooner.
        var engine = new WorkflowEngine(store, clock, new EngineOptions { MaxStepsPerInstance = 10_000 });
        Deployment deployment;
        try
        {
            deployment = engine.Deploy([new DeploymentResource(name, xml)]);
        }
        catch (DeploymentException ex)
        {
            Assert.NotEmpty(ex.Problems);
            return;
        }

        foreach (var process in deployment.Processes)
        {
            Refusable(() => engine.CreateInstance(process.Key, Variables));
        }

        for (var round = 0; round < 4; round++)
        {
            foreach (var type in store.Jobs.Where(j => j.State == JobState.Activatable).Select(j => j.Type).Distinct().ToList())
            {
                foreach (var job in Refusable(() => engine.ActivateJobs(type, "fuzz", TimeSpan.FromMinutes(5), 5)) ?? [])
                {
                    Refusable(() => (round, job.Key % 4) switch
                    {
                        (3, _) or (_, 0) => Run(() => engine.FailJob(job.Key, round % 2, "fuzz failure")),
                        (_, 1) => Run(() => engine.ThrowJobError(job.Key, "fuzz-error", "thrown by the fuzzer", Variables)),
                        _ => Run(() => engine.CompleteJob(job.Key, Variables)),
                    });
                }
            }

            foreach (var task in store.UserTasks.Where(t => t.State == UserTaskState.Created).ToList())
            {
                Refusable(() => Run(() => engine.CompleteUserTask(task.Key, Variables)));
            }

            foreach (var subscription in store.Subscriptions.Where(s => s.Name is not null).ToList())
            {
                if (subscription.Kind == EventKind.Signal)
                {
                    Refusable(() => Run(() => engine.BroadcastSignal(subscription.Name!, Variables)));
                }
                else if (subscription.Kind == EventKind.Message)
                {
                    Refusable(() => engine.PublishMessage(subscription.Name!, subscription.CorrelationKey ?? "FUZZ-1", TimeSpan.FromMinutes(1), variables: Variables));
                }
            }

            clock.Advance(TimeSpan.FromHours(13));
            Refusable(engine.FireDueTimers);
            foreach (var incident in store.Incidents.Where(i => i.State == LifecycleState.Active).ToList())
            {
                Refusable(() => Run(() => engine.ResolveIncident(incident.Key, "fuzz")));
            }
        }
    }

    /// <summary>Runs a command the engine may refuse (with <see cref="EngineException"/>, and only with that).</summary>
    private static T? Refusable<T>(Func<T> command)
    {
        try
        {
            return command();
        }
        catch (EngineException)
        {
            return default;
        }
    }

    private static bool Run(Action command)
    {
        command();
        return true;
    }
}

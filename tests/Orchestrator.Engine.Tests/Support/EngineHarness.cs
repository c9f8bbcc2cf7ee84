using Orchestrator.Engine.InMemory;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Support;

/// <summary>An in-memory engine with a manual clock, fixtures deployed from files beside the tests, and short ways to drive and inspect it.</summary>
internal sealed class EngineHarness
{
    public EngineHarness(IEngineObserver? observer = null)
    {
        Clock = new ManualClock(new DateTimeOffset(2024, 3, 15, 9, 0, 0, TimeSpan.Zero));
        Store = new InMemoryEngineStore();
        Engine = new WorkflowEngine(Store, Clock, observer: observer);
    }

    public ManualClock Clock { get; }

    public InMemoryEngineStore Store { get; }

    public WorkflowEngine Engine { get; }

    /// <summary>Reads a fixture from the test's folder (copied to the output directory).</summary>
    public static string Fixture(string relativePath) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath));

    public Deployment Deploy(params string[] fixtures) =>
        Engine.Deploy(fixtures.Select(f => new DeploymentResource(Path.GetFileName(f), Fixture(f))));

    public Deployment DeployXml(string name, string xml) => Engine.Deploy([new DeploymentResource(name, xml)]);

    public ProcessInstance Start(string processId, string? variablesJson = null) =>
        Engine.CreateInstance(processId, null, variablesJson is null ? null : Vars(variablesJson));

    public static Dictionary<string, FeelValue> Vars(string json) =>
        ((FeelContext)FeelJson.FromJson(json)).Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>Activates the one job of a type and completes it with variables.</summary>
    public ActivatedJob CompleteJob(string type, string? variablesJson = null)
    {
        var job = Assert.Single(Engine.ActivateJobs(type, "test", TimeSpan.FromMinutes(5), 10));
        Engine.CompleteJob(job.Key, variablesJson is null ? null : Vars(variablesJson));
        return job;
    }

    public UserTask OpenTask(ProcessInstance instance, string elementId) =>
        Assert.Single(Store.UserTasks, t => t.ProcessInstanceKey == instance.Key && t.ElementId == elementId && t.State == UserTaskState.Created);

    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Engine.FireDueTimers();
    }

    /// <summary>The ids of the instance's active elements, sorted (the process itself left out).</summary>
    public static string[] Active(ProcessInstance instance) =>
        instance.Elements.Values.Where(e => e.Scope is not null).Select(e => e.Node.Id).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The ids of the elements the instance completed, in order.</summary>
    public string[] Completed(ProcessInstance instance) =>
        Engine.History(instance.Key).Where(h => h.Intent == RecordIntent.ElementCompleted && h.Key != instance.Key).Select(h => h.ElementId!).ToArray();

    /// <summary>A process-level variable rendered as JSON.</summary>
    public static string? Variable(ProcessInstance instance, string name) =>
        instance.Root!.Variables?.TryGetValue(name, out var value) == true ? FeelJson.ToJsonString(value) : null;
}

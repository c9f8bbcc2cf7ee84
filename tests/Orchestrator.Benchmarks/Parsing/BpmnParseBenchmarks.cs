using BenchmarkDotNet.Attributes;
using Orchestrator.Engine;
using Orchestrator.Engine.InMemory;
using Orchestrator.Engine.Model;
using Orchestrator.Feel;
using Orchestrator.Testing.Models;

namespace Orchestrator.Benchmarks.Parsing;

/// <summary>
/// Validating and deploying big generated models (<see cref="LargeModel"/>: service tasks, gateways with FEEL
/// conditions, user tasks with boundary timers, subprocesses). Target (issue 11): linear in model size, a
/// 40k-element model validated or deployed in under 2 s. Each operation gets a new FEEL engine, so FEEL parsing
/// starts from an empty cache as it does for a model deployed for the first time.
/// </summary>
[MemoryDiagnoser]
public class BpmnParseBenchmarks
{
    private string _xml = null!;

    /// <summary>Flow nodes plus sequence flows.</summary>
    [Params(5_000, 10_000, 20_000, 40_000)]
    public int Elements { get; set; }

    [GlobalSetup]
    public void Setup() => _xml = LargeModel.Generate(Elements);

    [Benchmark(Description = "validate (BpmnParser.Parse)")]
    public BpmnParseResult Validate()
    {
        var result = BpmnParser.Parse(_xml, "large.bpmn", new FeelEngine());
        return result.IsValid ? result : throw new InvalidOperationException(string.Join("; ", result.Problems.Take(5)));
    }

    [Benchmark(Description = "deploy (WorkflowEngine.Deploy, in memory)")]
    public long Deploy()
    {
        var engine = new WorkflowEngine(new InMemoryEngineStore(), TimeProvider.System);
        return engine.Deploy([new DeploymentResource("large.bpmn", _xml)]).Processes[0].Key;
    }
}

using BenchmarkDotNet.Attributes;
using Orchestrator.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Benchmarks.Feel;

/// <summary>
/// FEEL parse and evaluation costs for the expressions real models use. Targets (issue 2): a cached
/// comparison-style condition under 1 µs and 500 B; parsing a 100-character expression under 20 µs.
/// </summary>
[MemoryDiagnoser]
public class FeelBenchmarks
{
    /// <summary>A 100-character condition of the kind gateways carry.</summary>
    public const string HundredCharacters = "order.total > 100 and customer.tier = \"VIP\" and not(order.status in [\"cancelled\", \"refunded\", \"lost\"])";

    private readonly FeelEngine _engine = new();
    private FeelExpression _condition = null!;
    private FeelExpression _filter = null!;
    private FeelExpression _sla = null!;
    private FeelExpression _loop = null!;
    private FeelContext _variables = null!;

    [GlobalSetup]
    public void Setup()
    {
        var orders = Enumerable.Range(0, 100).Select(i => (FeelValue)new FeelContext(
        [
            new("id", new FeelString("R-" + i)),
            new("amount", FeelNumber.Of(i * 1.5m)),
            new("status", new FeelString(i % 3 == 0 ? "open" : "closed")),
        ])).ToArray();
        _variables = new FeelContext(
        [
            new("amount", FeelNumber.Of(120)),
            new("customer", new FeelContext([new("tier", new FeelString("VIP"))])),
            new("orders", new FeelList(orders)),
            new("createdAt", new FeelString("2024-03-15T10:30:00Z")),
            new("numbers", new FeelList(Enumerable.Range(1, 1000).Select(i => (FeelValue)FeelNumber.Of(i)).ToArray())),
        ]);
        _condition = _engine.Parse("amount > 100 and customer.tier = \"VIP\"");
        _filter = _engine.Parse("orders[amount > 50 and status = \"open\"]");
        _sla = _engine.Parse("date and time(createdAt) + duration(\"PT4H\") < now()");
        _loop = _engine.Parse("for n in numbers return n * 2");
    }

    [Benchmark(Description = "parse 100-char expression (uncached)")]
    public FeelExpression? Parse() => _engine.TryParseUncached(HundredCharacters, out var compiled, out _) ? compiled : null;

    [Benchmark(Description = "evaluate cached condition")]
    public FeelResult EvaluateCondition() => _condition.Evaluate(_variables);

    [Benchmark(Description = "filter 100 contexts")]
    public FeelResult Filter() => _filter.Evaluate(_variables);

    [Benchmark(Description = "date and time + duration < now()")]
    public FeelResult Sla() => _sla.Evaluate(_variables);

    [Benchmark(Description = "for over 1,000 numbers")]
    public FeelResult Loop() => _loop.Evaluate(_variables);
}

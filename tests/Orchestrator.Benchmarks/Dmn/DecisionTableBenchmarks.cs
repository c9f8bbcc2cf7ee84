using BenchmarkDotNet.Attributes;
using Orchestrator.Dmn;
using Orchestrator.Feel.Values;

namespace Orchestrator.Benchmarks.Dmn;

/// <summary>
/// Evaluating a 50-rule, 5-input decision table (<see cref="RefundRules"/>) through <see cref="DmnModelSet.Evaluate"/>, parsed
/// once; one evaluation per operation, on one thread, with the input data built beforehand. Target (issue 15): at least
/// 200,000 evaluations per second on one core (under 5 µs each). FIRST stops at the first match, UNIQUE and COLLECT test
/// every rule; "early" inputs match rule 1, "late" ones rule 49 or 50.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class DecisionTableBenchmarks
{
    private const string Decision = "Refund Eligibility";

    private DmnModelSet _first = null!;
    private DmnModelSet _unique = null!;
    private DmnModelSet _collect = null!;
    private FeelContext _electronicsDefective = null!;
    private FeelContext _officeDefectiveAfterMonth = null!;
    private FeelContext _electronicsThisWeek = null!;
    private FeelContext _officeAfterQuarter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new DmnEngine();
        _first = engine.Parse("refunds-first.dmn", RefundRules.PolicyModel("FIRST"));
        _collect = engine.Parse("refunds-collect.dmn", RefundRules.PolicyModel("COLLECT"));
        _unique = engine.Parse("refunds-unique.dmn", RefundRules.GridModel("UNIQUE"));
        _electronicsDefective = Order("electronics", 5, 1299.00m, "gold", "defective");
        _officeDefectiveAfterMonth = Order("office", 45, 89.90m, "silver", "defective");
        _electronicsThisWeek = Order("electronics", 5, 1299.00m, "gold", "changed mind");
        _officeAfterQuarter = Order("office", 120, 89.90m, "silver", "defective");

        // What each benchmark measures is the match it claims.
        Expect(FirstEarly(), "{Refund:\"full refund\", Refund Percent:100}");
        Expect(FirstLate(), "{Refund:\"replacement\", Refund Percent:100}");
        Expect(UniqueEarly(), "{Refund:\"full refund\", Refund Percent:100}");
        Expect(UniqueLate(), "{Refund:\"reject\", Refund Percent:0}");
        Expect(CollectEarly(), "[{Refund:\"full refund\", Refund Percent:100}, {Refund:\"replacement\", Refund Percent:100}, {Refund:\"reject\", Refund Percent:0}]");
        Expect(CollectLate(), "[{Refund:\"replacement\", Refund Percent:100}, {Refund:\"reject\", Refund Percent:0}]");
    }

    [Benchmark(Description = "FIRST, match at rule 1")]
    public DmnDecisionResult FirstEarly() => _first.Evaluate(null, Decision, _electronicsDefective);

    [Benchmark(Description = "FIRST, match at rule 49")]
    public DmnDecisionResult FirstLate() => _first.Evaluate(null, Decision, _officeDefectiveAfterMonth);

    [Benchmark(Description = "UNIQUE, match at rule 1")]
    public DmnDecisionResult UniqueEarly() => _unique.Evaluate(null, Decision, _electronicsThisWeek);

    [Benchmark(Description = "UNIQUE, match at rule 50")]
    public DmnDecisionResult UniqueLate() => _unique.Evaluate(null, Decision, _officeAfterQuarter);

    [Benchmark(Description = "COLLECT, rules 1, 2 and 50 match")]
    public DmnDecisionResult CollectEarly() => _collect.Evaluate(null, Decision, _electronicsDefective);

    [Benchmark(Description = "COLLECT, rules 49 and 50 match")]
    public DmnDecisionResult CollectLate() => _collect.Evaluate(null, Decision, _officeDefectiveAfterMonth);

    private static FeelContext Order(string category, int days, decimal value, string tier, string reason) => new(
    [
        new("Product Category", new FeelString(category)),
        new("Days Since Delivery", FeelNumber.Of(days)),
        new("Order Value", FeelNumber.Of(value)),
        new("Customer Tier", new FeelString(tier)),
        new("Return Reason", new FeelString(reason)),
    ]);

    private static void Expect(DmnDecisionResult result, string expected)
    {
        var actual = FeelContext.Render(result.Value);
        if (actual != expected || result.Warnings.Count > 0)
        {
            throw new InvalidOperationException($"expected {expected} but got {actual} ({string.Join("; ", result.Warnings)})");
        }
    }
}

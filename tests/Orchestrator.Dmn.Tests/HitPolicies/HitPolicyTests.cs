using Orchestrator.Feel.Values;
using static Orchestrator.Dmn.Tests.Support.DmnFixtures;

namespace Orchestrator.Dmn.Tests.HitPolicies;

/// <summary>Every hit policy and aggregation of DMN 1.5 8.2.11, default output entries, input and output values, and the audit trace.</summary>
public sealed class HitPolicyTests
{
    private static readonly DmnModelSet Tables = Load("HitPolicies/hit-policies.dmn");

    private static DmnDecisionResult Decide(string decision, decimal? score, string? category = null)
    {
        var variables = FeelContext.Empty
            .With("Score", score is { } s ? FeelNumber.Of(s) : FeelNull.Instance)
            .With("Category", category is null ? FeelNull.Instance : new FeelString(category));
        return Tables.Evaluate(null, decision, variables);
    }

    private static string Value(string decision, decimal? score, string? category = null) => Json(Decide(decision, score, category).Value);

    [Theory]
    [InlineData(40, "\"F\"")]
    [InlineData(60, "\"P\"")]
    [InlineData(90, "\"D\"")]
    public void Unique_OneRuleMatches_ItsOutput(int score, string expected) => Assert.Equal(expected, Value("Unique grade", score));

    [Fact]
    public void Unique_TwoRulesMatch_ThrowsNamingBothRules()
    {
        var ex = Assert.Throws<DmnEvaluationException>(() => Decide("Unique grade", 75));

        Assert.Equal("d-unique", ex.DecisionId);
        Assert.Equal("Unique grade", ex.DecisionName);
        Assert.Equal("u3", ex.RuleId);
        Assert.Contains("u2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("u3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unique_IsTheDefaultHitPolicy()
    {
        Assert.Equal("\"low\"", Value("Implicit unique", 5));
        var ex = Assert.Throws<DmnEvaluationException>(() => Decide("Implicit unique", 10));
        Assert.Equal("iu2", ex.RuleId);
    }

    [Fact]
    public void First_ReturnsTheFirstMatchInRuleOrder_AndStopsMatching()
    {
        var result = Decide("First discount", 120);

        Assert.Equal(FeelNumber.Of(0.2m), result.Value);
        Assert.Equal("f1", Assert.Single(Assert.Single(result.Decisions).MatchedRules).Id);
        Assert.Equal("0.1", Value("First discount", 60));
        Assert.Equal("0", Value("First discount", 10));
    }

    [Theory]
    [InlineData(95, "\"HIGH\"")]
    [InlineData(60, "\"MEDIUM\"")]
    [InlineData(10, "\"LOW\"")]
    public void Priority_ReturnsTheMatchWhoseOutputComesFirstInTheOutputValues(int score, string expected) =>
        Assert.Equal(expected, Value("Priority level", score));

    [Fact]
    public void Priority_TracesEveryMatchedRule()
    {
        var rules = Assert.Single(Decide("Priority level", 95).Decisions).MatchedRules;

        Assert.Equal(["p1", "p2", "p3"], rules.Select(r => r.Id));
    }

    [Fact]
    public void Priority_WithTwoOutputs_RanksByTheFirstOutputThenTheNext()
    {
        // LOW/1, HIGH/3 and HIGH/2 match: HIGH outranks LOW, then 2 comes before 3 in the code's output values.
        Assert.Equal("""{"Level":"HIGH","Code":2}""", Value("Priority pair", 65));
    }

    [Fact]
    public void Any_MatchesWithTheSameOutput_ThatOutput()
    {
        var result = Decide("Any verdict", 70);

        Assert.Equal(new FeelString("pass"), result.Value);
        Assert.Equal(["a1", "a2"], result.Decisions[0].MatchedRules.Select(r => r.Id));
    }

    [Fact]
    public void Any_MatchesWithDifferentOutputs_ThrowsNamingTheRules()
    {
        var ex = Assert.Throws<DmnEvaluationException>(() => Decide("Any verdict", 95));

        Assert.Equal("d-any", ex.DecisionId);
        Assert.Equal("a3", ex.RuleId);
        Assert.Contains("a1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_ReturnsEveryMatchedOutput()
    {
        var value = Assert.IsType<FeelList>(Decide("Collect bonuses", 25).Value);

        // COLLECT's order is arbitrary.
        Assert.Equal([10m, 15m, 20m], value.Items.Select(i => ((FeelNumber)i).Value).Order());
    }

    [Theory]
    [InlineData("Sum of bonuses", "45")]
    [InlineData("Smallest bonus", "10")]
    [InlineData("Largest bonus", "20")]
    [InlineData("Number of bonuses", "3")]
    public void Collect_WithAggregation(string decision, string expected) => Assert.Equal(expected, Value(decision, 25));

    [Theory]
    [InlineData("Collect bonuses", "[]")]
    [InlineData("Sum of bonuses", "null")]
    [InlineData("Smallest bonus", "null")]
    [InlineData("Largest bonus", "null")]
    [InlineData("Number of bonuses", "0")]
    public void Collect_NoRuleMatches(string decision, string expected) => Assert.Equal(expected, Value(decision, 5));

    [Fact]
    public void RuleOrder_ListsOutputsInRuleOrder()
    {
        Assert.Equal("""["ten","twenty","any"]""", Value("Rule order tags", 25));
        Assert.Equal("""["any"]""", Value("Rule order tags", 5));
    }

    [Fact]
    public void OutputOrder_ListsOutputsInOutputValuesOrder()
    {
        Assert.Equal("""["gold","silver","bronze"]""", Value("Output order medals", 60));
        Assert.Equal("""["silver","bronze"]""", Value("Output order medals", 30));
    }

    [Fact]
    public void MultipleOutputs_GiveAContext()
    {
        Assert.Equal("""{"Grade":"P","Passed":true}""", Value("Grade and pass", 60));
        Assert.Equal("""{"Grade":"F","Passed":false}""", Value("Grade and pass", 20));
    }

    [Fact]
    public void MultipleOutputs_WithRuleOrder_GiveAListOfContexts()
    {
        Assert.Equal("""[{"Label":"ten","Weight":1},{"Label":"twenty","Weight":2}]""", Value("All labels", 25));
        Assert.Equal("[]", Value("All labels", 5));
    }

    [Fact]
    public void MultipleOutputs_TraceNamesEachOutput()
    {
        var rule = Assert.Single(Decide("Grade and pass", 60).Decisions[0].MatchedRules);

        Assert.Equal("m2", rule.Id);
        Assert.Equal(2, rule.Index);
        Assert.Equal([("m-grade", "Grade", "\"P\""), ("m-passed", "Passed", "true")], rule.Outputs.Select(o => (o.Id, o.Name, Json(o.Value))));
    }

    [Fact]
    public void DefaultOutputEntry_GivenWhenNoRuleMatches()
    {
        Assert.Equal("\"none\"", Value("Size with default", 10));
        Assert.Equal("\"big\"", Value("Size with default", 150));
    }

    [Fact]
    public void DefaultOutputEntries_PerOutput_NullWhereAnOutputHasNone_AndMaySeeTheInputs()
    {
        Assert.Equal("""{"A":20,"B":null}""", Value("Defaults per output", 10));
        Assert.Equal("""{"A":1,"B":"big"}""", Value("Defaults per output", 100));
    }

    [Fact]
    public void NoRuleMatches_WithoutDefault_Null()
    {
        var result = Decide("No match", 10);

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.Empty(result.Decisions[0].MatchedRules);
    }

    [Fact]
    public void InputValues_AllowedValue_Matches()
    {
        Assert.Equal("0.1", Value("Checked category", null, "gold"));
    }

    [Fact]
    public void InputValues_ValueNotAllowed_ThrowsNamingTheInput()
    {
        var ex = Assert.Throws<DmnEvaluationException>(() => Decide("Checked category", null, "bronze"));

        Assert.Equal("d-input-values", ex.DecisionId);
        Assert.Contains("Customer category", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bronze", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputValues_RuleGivesAValueNotAllowed_ThrowsNamingTheRule()
    {
        Assert.Equal("\"yes\"", Value("Checked answer", 70));

        var ex = Assert.Throws<DmnEvaluationException>(() => Decide("Checked answer", -5));

        Assert.Equal("ov-bad", ex.RuleId);
        Assert.Equal("d-output-values", ex.DecisionId);
        Assert.Contains("maybe", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_RecordsEachInputsValue_AndTheMatchedRulesOutputs()
    {
        var result = Decide("Score and category", 60, "gold");

        var decision = Assert.Single(result.Decisions);
        Assert.Equal("decisionTable", decision.Logic);
        Assert.Equal([("ti-in", "Score", "60"), ("ti-category", "Category", "\"gold\"")], decision.Inputs.Select(i => (i.Id, i.Label, Json(i.Value))));
        Assert.Equal([("ti1", 1, "\"gold and good\""), ("ti2", 2, "\"good\"")], decision.MatchedRules.Select(r => (r.Id, r.Index, Json(Assert.Single(r.Outputs).Value))));
        Assert.Equal("""["gold and good","good"]""", Json(result.Value));
    }

    [Fact]
    public void NegatedUnaryTest_MatchesOtherValues()
    {
        Assert.Equal("""["silver","not gold"]""", Value("Score and category", 10, "silver"));
    }

    [Fact]
    public void OutputTypeRef_RuleOutputOfAnotherType_IsNull_WithAWarning()
    {
        Assert.Equal(FeelNumber.Of(10), Decide("Typed output", 60).Value);

        var result = Decide("Typed output", 10);

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("Points", StringComparison.Ordinal));
    }

    [Fact]
    public void Unique_ViolatedInAKnowledgeModelCalledFromFeel_ThrowsNamingTheDecisionAndTheRule()
    {
        Assert.Equal(FeelNumber.Of(10), Decide("Band via knowledge model", 3).Value);

        var ex = Assert.Throws<DmnEvaluationException>(() => Decide("Band via knowledge model", 7));

        Assert.Equal("d-via-knowledge", ex.DecisionId);
        Assert.Equal("ob-2", ex.RuleId);
        Assert.Contains("ob-1", ex.Message, StringComparison.Ordinal);
    }
}

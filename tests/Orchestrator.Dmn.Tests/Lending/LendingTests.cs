using Orchestrator.Feel.Values;
using static Orchestrator.Dmn.Tests.Support.DmnFixtures;

namespace Orchestrator.Dmn.Tests.Lending;

/// <summary>
/// A lending decision graph in the shape of DMN 1.5 chapter 11: input data with structured types, knowledge models invoked
/// by invocations (one calling another), decision tables with UNIQUE, FIRST, PRIORITY and COLLECT SUM, contexts, and two
/// decision services, one called from a decision.
/// </summary>
public sealed class LendingTests
{
    private const string Model = "Lending/lending.dmn";

    private static readonly DmnModelSet Lending = Load(Model);

    private const string Product = """{ "ProductType": "STANDARD LOAN", "Rate": 0.08, "Term": 36, "Amount": 100000 }""";

    /// <summary>Scores 42 + 40 + 50 = 132 (VERY LOW), affords the loan: straight through.</summary>
    private static readonly FeelContext Through = Vars($$"""
        {
          "Applicant data": { "Age": 35, "MaritalStatus": "M", "EmploymentStatus": "EMPLOYED", "ExistingCustomer": false,
                              "Monthly": { "Income": 10000, "Repayments": 2500, "Expenses": 1500 } },
          "Requested product": {{Product}},
          "Bureau data": { "Bankrupt": false, "CreditScore": 600 }
        }
        """);

    /// <summary>An existing customer scoring 30 + 20 + 25 = 75 (DECLINE) who cannot afford it.</summary>
    private static readonly FeelContext Declined = Vars($$"""
        {
          "Applicant data": { "Age": 22, "MaritalStatus": "S", "EmploymentStatus": "STUDENT", "ExistingCustomer": true,
                              "Monthly": { "Income": 3000, "Repayments": 500, "Expenses": 1000 } },
          "Requested product": {{Product}},
          "Bureau data": { "Bankrupt": false, "CreditScore": 700 }
        }
        """);

    /// <summary>Scores 38 + 40 + 35 = 113 (MEDIUM): a full bureau call; the bureau's score of 560 makes the risk HIGH.</summary>
    private static FeelContext Bureau(bool bankrupt) => Vars($$"""
        {
          "Applicant data": { "Age": 28, "MaritalStatus": "M", "EmploymentStatus": "SELF-EMPLOYED", "ExistingCustomer": false,
                              "Monthly": { "Income": 10000, "Repayments": 2500, "Expenses": 1500 } },
          "Requested product": {{Product}},
          "Bureau data": { "Bankrupt": {{(bankrupt ? "true" : "false")}}, "CreditScore": 560 }
        }
        """);

    [Fact]
    public void Parse_ListsEveryDecisionAndService()
    {
        var names = Lending.Decisions.Select(d => (d.Name, d.IsService)).ToList();

        Assert.Equal(11, names.Count(n => !n.IsService));
        Assert.Contains(("Bureau Strategy Decision Service", true), names);
        Assert.Contains(("Routing Decision Service", true), names);
        Assert.All(Lending.Decisions, d => Assert.Equal("https://example.org/dmn/lending", d.Namespace));
        Assert.All(Lending.Decisions, d => Assert.Equal("lending.dmn", d.Source));
    }

    [Fact]
    public void ApplicationRiskScore_SumsTheKnowledgeModelsCollectTable_AndTracesTheMatchedRules()
    {
        var result = Lending.Evaluate(null, "Application risk score", Through);

        Assert.Equal(FeelNumber.Of(132), result.Value);
        var decision = Assert.Single(result.Decisions);
        Assert.Equal("d-risk-score", decision.Id);
        Assert.Equal(["rs-3", "rs-6", "rs-9"], decision.MatchedRules.Select(r => r.Id));
        Assert.Equal([3, 6, 9], decision.MatchedRules.Select(r => r.Index));
        Assert.Equal([42m, 40m, 50m], decision.MatchedRules.Select(r => ((FeelNumber)r.Outputs.Single(o => o.Name == "Partial score").Value).Value));
        Assert.Equal(["Age", "Marital Status", "Employment Status"], decision.Inputs.Select(i => i.Label));
        Assert.Equal("[35,\"M\",\"EMPLOYED\"]", Json(new FeelList(decision.Inputs.Select(i => i.Value))));
    }

    [Fact]
    public void RequiredMonthlyInstallment_KnowledgeModelInvokesAnother()
    {
        var result = Lending.Evaluate("Lending", "Required monthly installment", Through);

        // PMT(0.08, 36, 100000) = 3133.64 plus the standard loan's monthly fee of 20.
        var installment = Assert.IsType<FeelNumber>(result.Value);
        Assert.Equal(3153.64m, decimal.Round(installment.Value, 2));
    }

    [Theory]
    [InlineData("Pre-bureau risk category", "\"VERY LOW\"")]
    [InlineData("Pre-bureau affordability", "true")]
    [InlineData("Eligibility", "\"ELIGIBLE\"")]
    [InlineData("Bureau call type", "\"NONE\"")]
    [InlineData("Strategy", "\"THROUGH\"")]
    [InlineData("Post-bureau risk category", "\"VERY LOW\"")]
    [InlineData("Post-bureau affordability", "true")]
    [InlineData("Routing", "\"ACCEPT\"")]
    [InlineData("Adjudication", "\"THROUGH/NONE\"")]
    public void ThroughApplicant_EveryDecision(string decision, string expected)
    {
        Assert.Equal(expected, Json(Lending.Evaluate(null, decision, Through).Value));
    }

    [Theory]
    [InlineData("Application risk score", "75")]
    [InlineData("Pre-bureau risk category", "\"DECLINE\"")]
    [InlineData("Pre-bureau affordability", "false")]
    [InlineData("Eligibility", "\"INELIGIBLE\"")]
    [InlineData("Strategy", "\"DECLINE\"")]
    public void DeclinedApplicant_EveryDecision(string decision, string expected)
    {
        Assert.Equal(expected, Json(Lending.Evaluate(null, decision, Declined).Value));
    }

    [Fact]
    public void BureauApplicant_StrategyBureau_RoutingReferredOrDeclinedWhenBankrupt()
    {
        Assert.Equal("\"MEDIUM\"", Json(Lending.Evaluate(null, "Pre-bureau risk category", Bureau(false)).Value));
        Assert.Equal("\"BUREAU/FULL\"", Json(Lending.Evaluate(null, "Adjudication", Bureau(false)).Value));
        Assert.Equal("\"HIGH\"", Json(Lending.Evaluate(null, "Post-bureau risk category", Bureau(false)).Value));

        // PRIORITY: REFER (rules 3 and 4) outranks ACCEPT (rule 5); DECLINE (rule 2) outranks both.
        Assert.Equal("\"REFER\"", Json(Lending.Evaluate(null, "Routing", Bureau(false)).Value));
        Assert.Equal("\"DECLINE\"", Json(Lending.Evaluate(null, "Routing", Bureau(true)).Value));
    }

    [Fact]
    public void Routing_EvaluatesRequiredDecisionsOnceEach_InDependencyOrder()
    {
        var result = Lending.Evaluate(null, "Routing", Through);

        Assert.Equal(
            ["Application risk score", "Post-bureau risk category", "Required monthly installment", "Post-bureau affordability", "Routing"],
            result.Decisions.Select(d => d.Name));
        Assert.Equal(result.Value, result.Decisions[^1].Result);
    }

    [Fact]
    public void Strategy_EvaluatesASharedRequirementOnce()
    {
        var result = Lending.Evaluate(null, "Strategy", Through);

        var names = result.Decisions.Select(d => d.Name).ToList();
        Assert.Equal(names.Distinct(), names);
        Assert.Equal(7, names.Count);
        Assert.Equal("Strategy", names[^1]);
        Assert.True(names.IndexOf("Application risk score") < names.IndexOf("Pre-bureau risk category"));
        Assert.True(names.IndexOf("Pre-bureau risk category") < names.IndexOf("Pre-bureau affordability"));
        Assert.True(names.IndexOf("Required monthly installment") < names.IndexOf("Pre-bureau affordability"));
        Assert.True(names.IndexOf("Pre-bureau affordability") < names.IndexOf("Eligibility"));
        Assert.True(names.IndexOf("Bureau call type") < names.IndexOf("Strategy"));
        Assert.DoesNotContain("Routing", names);
    }

    [Fact]
    public void BureauStrategyDecisionService_ReturnsItsOutputDecisionsAsAContext()
    {
        var result = Lending.Evaluate(null, "Bureau Strategy Decision Service", Bureau(false));

        Assert.Equal("""{"Strategy":"BUREAU","Bureau call type":"FULL"}""", Json(result.Value));
    }

    [Fact]
    public void RoutingDecisionService_TakesItsInputDecisionsAsGiven_WithoutEvaluatingThem()
    {
        // An installment of 5000 is more than 6000 * 0.8 of disposable income: not affordable, so DECLINE. Evaluating the
        // installment decision instead (3153.64) would ACCEPT.
        var variables = Through.With("Application risk score", FeelNumber.Of(132)).With("Required monthly installment", FeelNumber.Of(5000));

        var result = Lending.Evaluate(null, "Routing Decision Service", variables);

        Assert.Equal(new FeelString("DECLINE"), result.Value);
        Assert.DoesNotContain(result.Decisions, d => d.Name is "Required monthly installment" or "Application risk score");
        Assert.Equal(FeelBoolean.False, result.Decisions.Single(d => d.Name == "Post-bureau affordability").Result);
    }

    [Fact]
    public void KnowledgeModel_EvaluatedDirectly_WithItsParametersByName()
    {
        var result = Lending.Evaluate(null, "Credit contingency factor table", Vars("""{ "Risk Category": "MEDIUM" }"""));

        Assert.Equal(FeelNumber.Of(0.7m), result.Value);
    }

    [Fact]
    public void Evaluate_UnknownDecision_Throws()
    {
        var ex = Assert.Throws<DmnEvaluationException>(() => Lending.Evaluate(null, "Interest", Through));

        Assert.Contains("Interest", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DmnEvaluationException>(() => Lending.Evaluate("Other model", "Routing", Through));
    }

    [Fact]
    public void ModelSet_EvaluatesFromManyThreadsAtOnce_WithTheSameResults()
    {
        var inputs = new[] { (Through, "ACCEPT"), (Bureau(false), "REFER"), (Bureau(true), "DECLINE") };

        var results = new string[300];
        Parallel.For(0, results.Length, i => results[i] = ((FeelString)Lending.Evaluate(null, "Routing", inputs[i % 3].Item1).Value).Value);

        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal(inputs[x.i % 3].Item2, x.r));
    }
}

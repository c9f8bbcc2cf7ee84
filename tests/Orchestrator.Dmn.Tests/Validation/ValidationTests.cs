using Orchestrator.Feel.Values;
using static Orchestrator.Dmn.Tests.Support.DmnFixtures;

namespace Orchestrator.Dmn.Tests.Validation;

/// <summary>Validation reports every problem of every model at once, each with its source, element id and line; ParseTolerant runs what is valid.</summary>
public sealed class ValidationTests
{
    private const string Broken = "Validation/broken.dmn";

    private static readonly IReadOnlyList<DmnProblem> BrokenProblems = DmnEngine.Default.Validate([Source(Broken)]);

    private static DmnProblem ProblemOf(string elementId) =>
        Assert.Single(BrokenProblems, p => p.ElementId == elementId);

    private static void AssertMentions(DmnProblem problem, params string[] fragments)
    {
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_BrokenModel_ThrowsWithEveryProblem()
    {
        var ex = Assert.Throws<DmnValidationException>(() => DmnEngine.Default.Parse([Source(Broken)]));

        Assert.Equal(BrokenProblems, ex.Problems);
        Assert.All(ex.Problems, p => Assert.Equal("broken.dmn", p.Source));
        Assert.Equal(12, ex.Problems.Select(p => p.ElementId).Distinct().Count());
    }

    [Fact]
    public void UnknownHitPolicy_NamesTheTable()
    {
        var problem = ProblemOf("dt-unknown");

        Assert.Equal(LineOf(Broken, "id=\"dt-unknown\""), problem.Line);
        AssertMentions(problem, "SOMETIMES", "Unknown policy");
    }

    [Fact]
    public void Aggregation_WithAHitPolicyOtherThanCollect()
    {
        var problem = ProblemOf("dt-first-sum");

        Assert.Equal(LineOf(Broken, "id=\"dt-first-sum\""), problem.Line);
        AssertMentions(problem, "FIRST", "COLLECT");
    }

    [Fact]
    public void Rule_WithTheWrongNumberOfEntries()
    {
        var problem = ProblemOf("r-short");

        Assert.Equal(LineOf(Broken, "id=\"r-short\""), problem.Line);
        AssertMentions(problem, "1 input", "2 inputs");
    }

    [Fact]
    public void Href_ToAMissingElement()
    {
        var problem = ProblemOf("d-dangling");

        Assert.Equal(LineOf(Broken, "href=\"#d-nowhere\""), problem.Line);
        AssertMentions(problem, "#d-nowhere", "Dangling");
    }

    [Fact]
    public void RequirementCycle_NamesTheDecisionsInIt()
    {
        var problem = Assert.Single(BrokenProblems, p => p.Message.Contains("cycle", StringComparison.Ordinal));

        Assert.True(problem.ElementId is "d-cycle-a" or "d-cycle-b", problem.ToString());
        Assert.Equal(LineOf(Broken, $"id=\"{problem.ElementId}\""), problem.Line);
        AssertMentions(problem, "'Cycle A'", "'Cycle B'");
    }

    [Fact]
    public void FeelSyntaxError_InARule_NamesTheDecisionAndTheRule()
    {
        var problem = ProblemOf("r-bad-feel");

        Assert.Equal(LineOf(Broken, "id=\"r-bad-feel\""), problem.Line);
        AssertMentions(problem, "Syntax in rule", "r-bad-feel", ">> 5");
    }

    [Fact]
    public void FeelSyntaxError_InALiteralExpression_NamesTheDecision()
    {
        var problem = ProblemOf("le-bad");

        Assert.Equal(LineOf(Broken, "id=\"le-bad\""), problem.Line);
        AssertMentions(problem, "Syntax in literal", "1 +* 2");
    }

    [Fact]
    public void DuplicateId_ReportedOnTheSecondUse_WithTheFirstLine()
    {
        var problem = ProblemOf("dup-id");

        // Each literal expression is on the line after its decision.
        Assert.Equal(LineOf(Broken, "name=\"Second owner of the id\"") + 1, problem.Line);
        AssertMentions(problem, (LineOf(Broken, "name=\"First owner of the id\"") + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Bug_DuplicateDecisionIds_ReportedAsAProblem()
    {
        const string Model = "Validation/duplicate-element-ids.dmn";

        var problems = DmnEngine.Default.Validate([Source(Model)]);

        var problem = Assert.Single(problems, p => p.ElementId == "d-same" && p.Message.Contains("twice", StringComparison.Ordinal));
        Assert.Equal(LineOf(Model, "name=\"Two\""), problem.Line);
    }

    [Fact]
    public void DuplicateNames_AndVariablesNamedOtherwise_AreAccepted_AsCamundaDeploysThem()
    {
        var ex = Assert.Throws<DmnValidationException>(() => DmnEngine.Default.Parse("broken.dmn", Broken));
        const string Renamed = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="renamed" name="renamed" namespace="https://example.com/renamed">
              <decision id="total" name="Total amount"><variable name="total" typeRef="number" /><literalExpression><text>40 + 2</text></literalExpression></decision>
            </definitions>
            """;

        Assert.DoesNotContain(ex.Problems, p => p.ElementId is "d-twin-1" or "d-twin-2");
        Assert.Equal(FeelNumber.Of(42), DmnEngine.Default.Parse("renamed.dmn", Renamed).Evaluate(null, "Total amount", null).Value);
    }

    [Fact]
    public void RelationRow_WithTheWrongNumberOfCells()
    {
        var problem = ProblemOf("row-short");

        Assert.Equal(LineOf(Broken, "id=\"row-short\""), problem.Line);
        AssertMentions(problem, "1 cells", "2 columns");
    }

    [Fact]
    public void Requirement_OfTheWrongKind()
    {
        var problem = ProblemOf("d-wrong-kind");

        Assert.Equal(LineOf(Broken, "href=\"#bkm-not-input\""), problem.Line);
        AssertMentions(problem, "'Not an input'", "cannot be one");
    }

    [Fact]
    public void Conditional_WithoutElse()
    {
        var problem = ProblemOf("cond-no-else");

        Assert.Equal(LineOf(Broken, "id=\"cond-no-else\""), problem.Line);
        AssertMentions(problem, "No else", "else");
    }

    [Fact]
    public void UnknownAggregation()
    {
        var problem = ProblemOf("dt-odd-aggregation");

        AssertMentions(problem, "AVERAGE");
    }

    [Fact]
    public void Bug_ElementsNestedDeepInADescriptionTookSecondsToParse()
    {
        // Arrange: 100,000 nested elements in a decision's description (LINQ to XML read them in time growing with the square of the depth).
        var nested = string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000));
        var xml = $"""
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
              <decision id="x" name="x"><description>{nested}</description><literalExpression><text>1</text></literalExpression></decision>
            </definitions>
            """;

        // Act
        var problems = DmnEngine.Default.Validate([new DmnSource("deep.dmn", xml)]);

        // Assert
        var problem = Assert.Single(problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains($"nest more than {Orchestrator.Dmn.Parsing.ModelXml.MaxDepth} levels", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralSources_ReportsEachSourcesProblems()
    {
        var problems = DmnEngine.Default.Validate([Source("Validation/malformed.dmn"), Source("Validation/not-dmn.dmn"), Source(Broken)]);

        var malformed = Assert.Single(problems, p => p.Source == "malformed.dmn");
        Assert.Equal(LineOf("Validation/malformed.dmn", "</decisoin>"), malformed.Line);
        Assert.Contains("not well-formed", malformed.Message, StringComparison.Ordinal);

        var notDmn = Assert.Single(problems, p => p.Source == "not-dmn.dmn");
        Assert.Equal(2, notDmn.Line);
        Assert.Contains("not DMN", notDmn.Message, StringComparison.Ordinal);

        Assert.Equal(BrokenProblems.Count, problems.Count(p => p.Source == "broken.dmn"));
    }

    [Fact]
    public void Problem_ToString_SourceLineIdMessage()
    {
        var problem = ProblemOf("r-short");

        Assert.StartsWith($"broken.dmn:{problem.Line}: r-short: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidModel_NoProblems()
    {
        Assert.Empty(DmnEngine.Default.Validate([Source("Lending/lending.dmn")]));
        Assert.Empty(DmnEngine.Default.Validate([Source("ModelImports/checkout.dmn"), Source("ModelImports/loyalty.dmn")]));
    }

    [Fact]
    public void OlderDmnNamespace_IsRead()
    {
        Assert.Equal(FeelNumber.Of(42), Load("Validation/dmn13.dmn").Evaluate(null, "Answer", null).Value);
    }

    [Fact]
    public void Parse_SyntaxErrorsAlone_Throw()
    {
        var ex = Assert.Throws<DmnValidationException>(() => Load("Validation/tolerant.dmn"));

        Assert.Equal(["le-bad", "br-2"], ex.Problems.Select(p => p.ElementId));
        Assert.Contains("decision 'Bad'", ex.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTolerant_ReturnsTheSyntaxErrors_AndRunsTheValidDecisions()
    {
        var models = DmnEngine.Default.ParseTolerant([Source("Validation/tolerant.dmn")], out var syntaxErrors);

        Assert.Equal(["le-bad", "br-2"], syntaxErrors.Select(p => p.ElementId));
        var error = syntaxErrors[0];
        Assert.Equal(LineOf("Validation/tolerant.dmn", "id=\"le-bad\""), error.Line);
        Assert.Equal(FeelNumber.Of(2), models.Evaluate(null, "Good", null).Value);
        Assert.Equal(FeelNumber.Of(20), models.Evaluate(null, "Also good", null).Value);
    }

    [Fact]
    public void ParseTolerant_DecisionWithTheSyntaxError_AndThoseRequiringIt_FailWhenEvaluated()
    {
        var models = DmnEngine.Default.ParseTolerant([Source("Validation/tolerant.dmn")], out _);

        var bad = Assert.Throws<DmnEvaluationException>(() => models.Evaluate(null, "Bad", null));
        Assert.Equal("d-bad", bad.DecisionId);
        Assert.Contains("syntax", bad.Message, StringComparison.Ordinal);

        var dependent = Assert.Throws<DmnEvaluationException>(() => models.Evaluate(null, "Uses bad", null));
        Assert.Equal("d-bad", dependent.DecisionId);
    }

    [Fact]
    public void ParseTolerant_RuleWithASyntaxError_FailsOnlyWhenReached()
    {
        var models = DmnEngine.Default.ParseTolerant([Source("Validation/tolerant.dmn")], out var syntaxErrors);

        Assert.Contains(syntaxErrors, p => p.ElementId == "br-2");
        Assert.Equal(new FeelString("small"), models.Evaluate(null, "Bad rule", FeelContext.Empty.With("N", FeelNumber.Of(5))).Value);

        var ex = Assert.Throws<DmnEvaluationException>(() => models.Evaluate(null, "Bad rule", FeelContext.Empty.With("N", FeelNumber.Of(50))));
        Assert.Equal("br-2", ex.RuleId);
        Assert.Equal("d-bad-rule", ex.DecisionId);
    }

    [Fact]
    public void ParseTolerant_StructuralProblems_StillThrow_WithoutTheSyntaxErrors()
    {
        var ex = Assert.Throws<DmnValidationException>(() => DmnEngine.Default.ParseTolerant([Source(Broken)], out _));

        Assert.DoesNotContain(ex.Problems, p => p.ElementId is "r-bad-feel" or "le-bad");
        Assert.Contains(ex.Problems, p => p.ElementId == "dt-unknown");
        Assert.Equal(BrokenProblems.Count - 2, ex.Problems.Count);
    }
}

using Orchestrator.Feel.Values;
using static Orchestrator.Dmn.Tests.Support.DmnFixtures;

namespace Orchestrator.Dmn.Tests.BoxedExpressions;

/// <summary>The boxed expressions of DMN 1.5 chapter 10.2, each as a decision's logic.</summary>
public sealed class BoxedExpressionTests
{
    private static readonly DmnModelSet Boxed = Load("BoxedExpressions/boxed-expressions.dmn");

    private const string Items = """[{ "name": "a", "price": 5 }, { "name": "b", "price": 20 }, { "name": "c", "price": 50 }]""";

    private static DmnDecisionResult Decide(string decision, decimal? amount = null, string items = "null") =>
        Boxed.Evaluate(null, decision, Vars($$"""{ "Amount": {{(amount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")}}, "Items": {{items}} }"""));

    private static string Value(string decision, decimal? amount = null, string items = "null") => Json(Decide(decision, amount, items).Value);

    [Fact]
    public void Context_EntriesSeeEarlierEntries_ResultEntryIsTheValue()
    {
        var result = Decide("Context with result", 10);

        Assert.Equal(FeelNumber.Of(31), result.Value);
        Assert.Equal("context", Assert.Single(result.Decisions).Logic);
    }

    [Fact]
    public void Context_WithoutResultEntry_IsTheContextOfItsEntries_NestedContextsSeeOuterEntries()
    {
        Assert.Equal("""{"Net":100,"Tax":25,"Nested":{"Gross":125}}""", Value("Context without result", 100));
    }

    [Fact]
    public void Invocation_BindsParametersByName_InAnyOrder()
    {
        var result = Decide("Greeting invocation");

        Assert.Equal(new FeelString("Hello, Ada!"), result.Value);
        Assert.Equal("invocation", result.Decisions[0].Logic);
    }

    [Fact]
    public void KnowledgeModel_CalledFromFeel_PositionallyAndWithNamedArguments()
    {
        Assert.Equal("\"Hi, Grace! Bye, Alan!\"", Value("Greeting call"));
    }

    [Fact]
    public void Invocation_UnboundParameter_IsNull()
    {
        // Salutation is null, and null + a string is null.
        Assert.Equal("null", Value("Greeting without salutation"));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 55)]
    public void KnowledgeModel_RequiringItself_Recurses(int n, int expected)
    {
        Assert.Equal(FeelNumber.Of(expected), Decide("Fibonacci", n).Value);
    }

    [Fact]
    public void Relation_IsAListOfContexts_OnePerRow()
    {
        Assert.Equal(
            """[{"Fruit":"apple","Unit Price":1.5},{"Fruit":"pear","Unit Price":2},{"Fruit":"plum","Unit Price":0.75}]""",
            Value("Price list"));
    }

    [Fact]
    public void List_EvaluatesEachItem_IncludingNestedLists()
    {
        Assert.Equal("""[1,5,"x",[true]]""", Value("Mixed list", 2));
    }

    [Fact]
    public void FunctionDefinition_ClosesOverTheContextEntriesBeforeIt()
    {
        Assert.Equal(FeelNumber.Of(5), Decide("Scaled by closure", 10).Value);
    }

    [Fact]
    public void FunctionDefinition_InAContextEntry_CallsItselfRecursively()
    {
        Assert.Equal(FeelNumber.Of(120), Decide("Factorial", 5).Value);
        Assert.Equal(FeelNumber.Of(1), Decide("Factorial", 0).Value);
    }

    [Fact]
    public void Bug_FunctionDefinition_RecursingWithoutEnd_FailsTheDecision_InsteadOfCrashing()
    {
        // A knowledge model that does this fails with "calls itself more than 200 levels deep"; FEEL's own functions give
        // null with a LimitExceeded warning. Either is fine here; a stack overflow is not.
        DmnDecisionResult? result = null;
        var ex = Record.Exception(() => result = Decide("Endless recursion"));

        if (ex is not null)
        {
            Assert.Equal("d-endless", Assert.IsType<DmnEvaluationException>(ex).DecisionId);
        }
        else
        {
            Assert.Equal(FeelNull.Instance, result!.Value);
            Assert.NotEmpty(result.Warnings);
        }
    }

    [Fact]
    public void FunctionDefinition_ReturningAFunction_KeepsItsArgument()
    {
        Assert.Equal("[6,15]", Value("Adder factory"));
    }

    [Theory]
    [InlineData(150, "\"big\"")]
    [InlineData(50, "\"small\"")]
    [InlineData(null, "\"small\"")]
    public void Conditional_ThenOrElse_NullConditionTakesElse(int? amount, string expected) =>
        Assert.Equal(expected, Value("Size class", amount));

    [Fact]
    public void Conditional_NonBooleanCondition_IsNull_WithAWarning()
    {
        var result = Decide("Non-boolean condition", 5);

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("not a boolean", StringComparison.Ordinal));
    }

    [Fact]
    public void Filter_KeepsItemsWhoseMatchIsTrue()
    {
        Assert.Equal("""[{"name":"b","price":20},{"name":"c","price":50}]""", Value("Expensive items", 10, Items));
        Assert.Equal("[2,4]", Value("Even numbers"));
    }

    [Fact]
    public void Filter_NothingMatches_EmptyList()
    {
        Assert.Equal("[]", Value("Expensive items", 1000, Items));
    }

    [Fact]
    public void For_ReturnsTheListOfEachIterationsValue()
    {
        Assert.Equal("[1,4,9,16]", Value("Squares", 4));
    }

    [Theory]
    [InlineData("Some above", 10, true)]
    [InlineData("Some above", 100, false)]
    [InlineData("Every above", 1, true)]
    [InlineData("Every above", 10, false)]
    public void SomeAndEvery_TestEachItem(string decision, int amount, bool expected) =>
        Assert.Equal(FeelBoolean.Of(expected), Decide(decision, amount, Items).Value);

    [Fact]
    public void SomeAndEvery_OverAnEmptyList_FalseAndTrue()
    {
        Assert.Equal(FeelBoolean.False, Decide("Some above", 1, "[]").Value);
        Assert.Equal(FeelBoolean.True, Decide("Every above", 1, "[]").Value);
    }

    [Fact]
    public void EmptyLiteralExpression_IsNull()
    {
        Assert.Equal(FeelNull.Instance, Decide("Empty literal").Value);
    }
}

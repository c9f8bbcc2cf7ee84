using Orchestrator.Feel.Values;
using static Orchestrator.Dmn.Tests.Support.DmnFixtures;

namespace Orchestrator.Dmn.Tests.Types;

/// <summary>Item definitions (structures, collections, allowed values) and the conversions DMN applies when a value meets a declared type.</summary>
public sealed class ItemDefinitionTests
{
    private static readonly DmnModelSet Types = Load("Types/types.dmn");

    private const string Ada = """{ "Name": "Ada", "Age": 36, "Home": { "City": "London", "Postcode": "N1" }, "Nicknames": ["Countess"] }""";

    private const string People = """[{ "Name": "A", "Age": 10 }, { "Name": "B", "Age": 20 }, { "Name": "C", "Age": 30 }]""";

    private static DmnDecisionResult Decide(string decision, string variablesJson) => Types.Evaluate(null, decision, Vars(variablesJson));

    private static DmnDecisionResult WithRaw(string decision, string rawJson) => Decide(decision, $$"""{ "Raw": {{rawJson}} }""");

    [Fact]
    public void StructuredInput_ComponentsAndNestedComponentsReadAsPaths()
    {
        Assert.Equal(new FeelString("Ada lives in London"), Decide("City of person", $$"""{ "Person": {{Ada}} }""").Value);
        Assert.Equal(FeelNumber.Of(1), Decide("Nickname count", $$"""{ "Person": {{Ada}} }""").Value);
    }

    [Fact]
    public void StructuredInput_ComponentOfTheWrongType_InputIsNull_WithAWarning()
    {
        var result = Decide("City of person", """{ "Person": { "Name": "Ada", "Age": "old", "Home": { "City": "London" } } }""");

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("Person", StringComparison.Ordinal) && w.Message.Contains("tPerson", StringComparison.Ordinal));
    }

    [Fact]
    public void CollectionOfStructures_FilterAndProject()
    {
        Assert.Equal("""["B","C"]""", Json(Decide("Adult names as strings", $$"""{ "People": {{People}} }""").Value));
    }

    [Fact]
    public void DecisionOutput_NotConformingToItsCollectionType_IsNull_WithAWarning()
    {
        // tScores is a list of numbers; the names are strings.
        var result = Decide("Adult names", $$"""{ "People": {{People}} }""");

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("Adult names", StringComparison.Ordinal));
        Assert.Equal(FeelNull.Instance, Assert.Single(result.Decisions).Result);
    }

    [Fact]
    public void DecisionOutput_ConformingStructure_IsKept()
    {
        Assert.Equal(
            """{"Name":"Ada","Age":36,"Home":{"City":"London","Postcode":"N1"},"Nicknames":["Countess"]}""",
            Json(WithRaw("Made person", "36").Value));
    }

    [Fact]
    public void DecisionOutput_StructureWithAComponentOfTheWrongType_IsNull_WithAWarning()
    {
        var result = WithRaw("Made person", "\"thirty-six\"");

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("Made person", StringComparison.Ordinal));
    }

    [Fact]
    public void AllowedValues_ValueAmongThem_Kept()
    {
        var result = WithRaw("Color echo", "\"red\"");

        Assert.Equal(new FeelString("red"), result.Value);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void AllowedValues_DecisionOutputNotAmongThem_IsNull_WithAWarning()
    {
        var result = WithRaw("Color echo", "\"purple\"");

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("tColor", StringComparison.Ordinal));
    }

    [Fact]
    public void AllowedValues_InputDataNotAmongThem_ReadsAsNull()
    {
        Assert.Equal(new FeelString("BLUE"), Decide("Favourite color shout", """{ "Favourite color": "blue" }""").Value);

        var result = Decide("Favourite color shout", """{ "Favourite color": "purple" }""");

        Assert.Equal(new FeelString("no color"), result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("Favourite color", StringComparison.Ordinal));
    }

    [Fact]
    public void Collection_InputGivenASingleItem_BecomesASingletonList()
    {
        Assert.Equal(FeelNumber.Of(7), Decide("Total score", """{ "Scores": 7 }""").Value);
        Assert.Equal(FeelNumber.Of(6), Decide("Total score", """{ "Scores": [1, 2, 3] }""").Value);
        Assert.Equal("[5]", Json(WithRaw("As score list", "5").Value));
    }

    [Fact]
    public void Collection_ListWithAnItemOfTheWrongType_IsNull()
    {
        var result = WithRaw("As score list", """[1, "x"]""");

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void SingletonList_ToANonListType_BecomesItsItem()
    {
        Assert.Equal(FeelNumber.Of(42), WithRaw("As number", "[42]").Value);
    }

    [Fact]
    public void ListOfTwo_ToANonListType_IsNull_WithAWarning()
    {
        var result = WithRaw("As number", "[1, 2]");

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("As number", StringComparison.Ordinal));
    }

    [Fact]
    public void Date_ToDateAndTime_BecomesMidnightUtc()
    {
        var value = Assert.IsType<FeelDateTime>(Types.Evaluate(null, "As date and time", null).Value);

        Assert.Equal(new DateTime(2024, 5, 1, 0, 0, 0), value.Local);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void KnowledgeModelParameter_ConformingArgument_Called()
    {
        Assert.Equal(FeelNumber.Of(25), WithRaw("Half", "50").Value);
        Assert.Equal(new FeelString("HEY!"), WithRaw("Shouted", "\"hey\"").Value);
    }

    [Theory]
    [InlineData("Half", "150")]
    [InlineData("Half", "\"50\"")]
    [InlineData("Shouted", "5")]
    public void KnowledgeModelParameter_ArgumentOfTheWrongType_CallIsNotMade_Null(string decision, string raw)
    {
        var result = WithRaw(decision, raw);

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void KnowledgeModelParameter_SingletonListArgument_PassesItsItem()
    {
        Assert.Equal(new FeelString("HEY!"), WithRaw("Shouted", """["hey"]""").Value);
    }

    [Fact]
    public void TypedContextEntry_NonConformingValue_IsNullForLaterEntries()
    {
        Assert.Equal("""{"Percent":50,"Known":true}""", Json(WithRaw("Typed context entry", "50").Value));
        Assert.Equal("""{"Percent":null,"Known":false}""", Json(WithRaw("Typed context entry", "500").Value));
    }

    [Fact]
    public void DecisionService_CalledFromFeel_ArgumentConvertedToItsInputsType()
    {
        Assert.Equal(new FeelString("BLUE"), WithRaw("Color service call", "\"blue\"").Value);
        Assert.Equal(new FeelString("BLUE"), WithRaw("Color service call", """["blue"]""").Value);
    }

    [Fact]
    public void DecisionService_CalledWithAnArgumentOfTheWrongType_IsNotCalled_Null()
    {
        var result = WithRaw("Color service call", "5");

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.DoesNotContain(result.Decisions, d => d.Name == "Favourite color shout");
    }
}

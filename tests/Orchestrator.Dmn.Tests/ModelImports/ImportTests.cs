using Orchestrator.Feel.Values;
using static Orchestrator.Dmn.Tests.Support.DmnFixtures;

namespace Orchestrator.Dmn.Tests.ModelImports;

/// <summary>A model importing another (DMN 1.5 6.3.3): its elements, knowledge models and item definitions seen under the import's name.</summary>
public sealed class ImportTests
{
    private static readonly DmnModelSet Models = Load("ModelImports/checkout.dmn", "ModelImports/loyalty.dmn");

    private static DmnDecisionResult Checkout(string decision, string variablesJson) => Models.Evaluate("Checkout", decision, Vars(variablesJson));

    [Fact]
    public void ImportedKnowledgeModel_CalledWithThePrefixedName()
    {
        Assert.Equal(FeelNumber.Of(80), Checkout("Gold price", """{ "Basket Amount": 100 }""").Value);
    }

    [Theory]
    [InlineData("silver", 90)]
    [InlineData("bronze", 100)]
    public void ImportedKnowledgeModel_InvokedWithBindings(string tier, int expected)
    {
        Assert.Equal(FeelNumber.Of(expected), Checkout("Invoked price", $$"""{ "Basket Amount": 100, "Claimed tier": "{{tier}}" }""").Value);
    }

    [Fact]
    public void ImportedItemDefinition_TypesAnInput_NonConformingValueIsNull()
    {
        // "platinum" is no loyalty.tTier: the claimed tier is null, the rebate table's default (0) applies.
        var result = Checkout("Invoked price", """{ "Basket Amount": 100, "Claimed tier": "platinum" }""");

        Assert.Equal(FeelNumber.Of(100), result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("Claimed tier", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportedDecision_ReadsItsInputDataFromTheImportsContext()
    {
        var result = Checkout("Final price", """{ "Basket Amount": 200, "loyalty": { "Customer Tier": "silver" } }""");

        Assert.Equal(FeelNumber.Of(180), result.Value);
        Assert.Equal(["Tier rebate", "Final price"], result.Decisions.Select(d => d.Name));
        Assert.Equal(["https://example.org/dmn/loyalty", "https://example.org/dmn/checkout"], result.Decisions.Select(d => d.Namespace));
    }

    [Fact]
    public void ImportedItemDefinition_TypesADecision()
    {
        Assert.Equal(new FeelString("gold"), Checkout("Upgraded tier", """{ "Basket Amount": 600 }""").Value);

        var result = Checkout("Upgraded tier", """{ "Basket Amount": 2000 }""");

        Assert.Equal(FeelNull.Instance, result.Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("loyalty.tTier", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportedModel_EvaluatedOnItsOwn_ByNamespace()
    {
        var result = Models.Evaluate("https://example.org/dmn/loyalty", "Tier rebate", Vars("""{ "Customer Tier": "gold" }"""));

        Assert.Equal(FeelNumber.Of(0.2m), result.Value);
    }

    [Fact]
    public void Import_OfAModelNotGiven_IsAProblem()
    {
        var problems = DmnEngine.Default.Validate([Source("ModelImports/checkout.dmn")]);

        Assert.Contains(problems, p => p.Source == "checkout.dmn" && p.Message.Contains("https://example.org/dmn/loyalty", StringComparison.Ordinal) &&
            p.Line == LineOf("ModelImports/checkout.dmn", "<import "));
    }

    [Fact]
    public void ImportWithoutAName_ElementsSeenUnprefixed()
    {
        var models = Load("ModelImports/unprefixed.dmn", "ModelImports/loyalty.dmn");

        var result = models.Evaluate("Unprefixed", "Rebate summary", Vars("""{ "Customer Tier": "silver" }"""));

        Assert.Equal(new FeelString("0.1 of 0.2"), result.Value);
    }
}

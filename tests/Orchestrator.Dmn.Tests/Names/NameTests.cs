using Orchestrator.Feel.Values;
using static Orchestrator.Dmn.Tests.Support.DmnFixtures;

namespace Orchestrator.Dmn.Tests.Names;

/// <summary>
/// Names a model declares read as one name in its FEEL even when they hold spaces, dashes, slashes, apostrophes, keywords
/// (<c>and</c>, <c>for</c>, <c>or</c>) or numbers — in literal expressions, table inputs, input entries, output entries and contexts.
/// </summary>
public sealed class NameTests
{
    private static readonly DmnModelSet Names = Load("Names/names.dmn");

    private static readonly FeelContext Inputs = Vars("""
        {
          "Pre-Bureau Risk Category": "LOW",
          "Gross Income": 5000,
          "Monthly Expenses": 1200,
          "Applicant and Spouse Age": 65,
          "Limit for Loan": 3000,
          "Loan/Value Ratio": 0.8,
          "Customer's Tier": "gold"
        }
        """);

    private static FeelValue Decide(string decision, FeelContext? variables = null) => Names.Evaluate(null, decision, variables ?? Inputs).Value;

    [Fact]
    public void NameWithDashes_IsOneName_NotASubtraction()
    {
        Assert.Equal(new FeelString("LOW risk"), Decide("decision A 1"));
    }

    [Fact]
    public void DecisionNameWithNumberWords_RequiredByAnother()
    {
        Assert.Equal(new FeelString("LOW RISK"), Decide("decision B 2"));
    }

    [Fact]
    public void SubtractionBetweenSpacedNames_WithoutSpacesAroundTheMinus()
    {
        Assert.Equal(FeelNumber.Of(3800), Decide("Net-Income after Expenses"));
    }

    [Fact]
    public void NamesHoldingKeywords_AndAndFor()
    {
        Assert.Equal(FeelBoolean.True, Decide("Is it true or false"));
        Assert.Equal(FeelBoolean.False, Decide("Is it true or false", Inputs.With("Limit for Loan", FeelNumber.Of(5000))));
    }

    [Fact]
    public void NamesHoldingASlashAndAnApostrophe()
    {
        Assert.Equal(new FeelString("gold:80"), Decide("Ratio and tier"));
    }

    [Fact]
    public void SpacedNames_InTableInputsInputEntriesAndOutputEntries()
    {
        Assert.Equal(new FeelString("top 1"), Decide("Top 3 Category"));
        Assert.Equal(new FeelString("top 2 of HIGH"), Decide("Top 3 Category", Inputs.With("Pre-Bureau Risk Category", new FeelString("HIGH"))));
    }

    [Fact]
    public void SpacedAndDashedContextEntryNames()
    {
        Assert.Equal(FeelNumber.Of(30000), Decide("Context with spaced names"));
    }

    [Fact]
    public void Evaluate_FindsADecisionByIdAsWellAsByName()
    {
        Assert.Equal(new FeelString("LOW RISK"), Names.Evaluate("names.dmn", "d-b2", Inputs).Value);
    }
}

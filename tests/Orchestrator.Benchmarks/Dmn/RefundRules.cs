using System.Globalization;
using System.Security;
using System.Text;

namespace Orchestrator.Benchmarks.Dmn;

/// <summary>
/// The refund-eligibility decision tables the DMN benchmarks evaluate: five inputs (product category, days since delivery,
/// order value, customer tier, return reason), two outputs (refund and refund percent), 50 rules each.
/// </summary>
internal static class RefundRules
{
    /// <summary>The policy as a returns desk writes it: category blocks, each ending in a catch-all, then generic rules; rules overlap.</summary>
    private static readonly string[][] Policy =
    [
        // category, days since delivery, order value, customer tier, reason => refund, percent
        ["\"electronics\"", "[0..14]", "-", "-", "\"defective\",\"damaged in transit\"", "\"full refund\"", "100"],
        ["\"electronics\"", "[0..30]", "> 1000", "\"gold\",\"platinum\"", "\"defective\"", "\"replacement\"", "100"],
        ["\"electronics\"", "[0..30]", "-", "-", "\"wrong item\",\"not as described\"", "\"full refund\"", "100"],
        ["\"electronics\"", "[0..14]", "<= 1000", "-", "\"changed mind\"", "\"partial refund\"", "85"],
        ["\"electronics\"", "(14..30]", "-", "\"platinum\"", "\"changed mind\"", "\"store credit\"", "100"],
        ["\"electronics\"", "(30..365]", "-", "-", "\"defective\"", "\"replacement\"", "100"],
        ["\"electronics\"", "(30..730]", "> 500", "not(\"standard\")", "\"defective\"", "\"partial refund\"", "50"],
        ["\"electronics\"", "> 30", "-", "-", "-", "\"reject\"", "0"],
        ["\"appliances\"", "[0..30]", "-", "-", "\"defective\",\"damaged in transit\",\"wrong item\"", "\"full refund\"", "100"],
        ["\"appliances\"", "[0..30]", "-", "\"gold\",\"platinum\"", "\"changed mind\"", "\"partial refund\"", "90"],
        ["\"appliances\"", "[0..14]", "< 300", "-", "\"changed mind\"", "\"partial refund\"", "80"],
        ["\"appliances\"", "(30..730]", "-", "-", "\"defective\"", "\"replacement\"", "100"],
        ["\"appliances\"", "-", "-", "-", "-", "\"reject\"", "0"],
        ["\"furniture\"", "[0..7]", "-", "-", "\"damaged in transit\"", "\"replacement\"", "100"],
        ["\"furniture\"", "[0..30]", "-", "-", "\"wrong item\",\"not as described\"", "\"full refund\"", "100"],
        ["\"furniture\"", "[0..14]", ">= 1500", "\"platinum\"", "\"changed mind\"", "\"partial refund\"", "90"],
        ["\"furniture\"", "[0..14]", "-", "-", "\"changed mind\"", "\"partial refund\"", "75"],
        ["\"furniture\"", "(30..365]", "-", "-", "\"defective\"", "\"partial refund\"", "60"],
        ["\"furniture\"", "-", "-", "-", "-", "\"reject\"", "0"],
        ["\"clothing\",\"shoes\"", "[0..30]", "-", "-", "\"wrong item\",\"defective\",\"not as described\"", "\"full refund\"", "100"],
        ["\"clothing\",\"shoes\"", "[0..30]", "-", "not(\"standard\")", "\"changed mind\"", "\"full refund\"", "100"],
        ["\"clothing\",\"shoes\"", "[0..30]", "-", "\"standard\"", "\"changed mind\"", "\"store credit\"", "100"],
        ["\"clothing\",\"shoes\"", "(30..60]", "-", "\"gold\",\"platinum\"", "-", "\"store credit\"", "100"],
        ["\"clothing\",\"shoes\"", "(30..60]", "< 100", "-", "\"defective\"", "\"store credit\"", "80"],
        ["\"clothing\",\"shoes\"", "-", "-", "-", "-", "\"reject\"", "0"],
        ["\"books\",\"media\"", "[0..14]", "-", "-", "\"damaged in transit\",\"wrong item\",\"defective\"", "\"full refund\"", "100"],
        ["\"books\",\"media\"", "[0..14]", "< 50", "-", "\"changed mind\"", "\"store credit\"", "100"],
        ["\"books\",\"media\"", "[0..30]", "-", "\"platinum\"", "-", "\"store credit\"", "100"],
        ["\"books\",\"media\"", "-", "-", "-", "-", "\"reject\"", "0"],
        ["\"toys\"", "[0..30]", "-", "-", "not(\"changed mind\")", "\"full refund\"", "100"],
        ["\"toys\"", "[0..30]", "-", "-", "\"changed mind\"", "\"partial refund\"", "80"],
        ["\"toys\"", "(30..90]", "-", "\"gold\",\"platinum\"", "\"defective\"", "\"replacement\"", "100"],
        ["\"toys\"", "-", "-", "-", "-", "\"reject\"", "0"],
        ["\"jewelry\"", "[0..14]", "-", "-", "\"wrong item\",\"not as described\",\"damaged in transit\"", "\"full refund\"", "100"],
        ["\"jewelry\"", "[0..30]", "> 2000", "\"platinum\"", "\"changed mind\"", "\"partial refund\"", "90"],
        ["\"jewelry\"", "[0..14]", "<= 2000", "-", "\"changed mind\"", "\"partial refund\"", "80"],
        ["\"jewelry\"", "(14..365]", "-", "-", "\"defective\"", "\"replacement\"", "100"],
        ["\"jewelry\"", "-", "-", "-", "-", "\"reject\"", "0"],
        ["\"sports\",\"garden\"", "[0..30]", "-", "-", "\"defective\",\"damaged in transit\"", "\"full refund\"", "100"],
        ["\"sports\",\"garden\"", "[0..30]", "-", "-", "\"wrong item\"", "\"replacement\"", "100"],
        ["\"sports\",\"garden\"", "[0..30]", ">= 200", "not(\"standard\")", "\"changed mind\"", "\"partial refund\"", "90"],
        ["\"sports\",\"garden\"", "[0..30]", "< 200", "-", "\"changed mind\"", "\"partial refund\"", "80"],
        ["\"sports\",\"garden\"", "(30..180]", "-", "\"platinum\"", "\"defective\"", "\"replacement\"", "100"],
        ["\"sports\",\"garden\"", "(30..180]", "-", "-", "\"defective\"", "\"partial refund\"", "50"],
        ["\"sports\",\"garden\"", "-", "-", "-", "-", "\"reject\"", "0"],
        ["-", "[0..14]", "-", "-", "\"damaged in transit\"", "\"full refund\"", "100"],
        ["-", "[0..30]", "-", "-", "\"wrong item\",\"not as described\"", "\"full refund\"", "100"],
        ["-", "[0..30]", "<= 100", "\"gold\",\"platinum\"", "-", "\"store credit\"", "100"],
        ["-", "(30..365]", "-", "-", "\"defective\"", "\"replacement\"", "100"],
        ["-", "-", "-", "-", "-", "\"reject\"", "0"],
    ];

    private static readonly string[] Categories =
        ["electronics", "appliances", "furniture", "clothing", "books", "toys", "jewelry", "sports", "garden", "office"];

    private static readonly string[] DayBands = ["[0..7]", "(7..14]", "(14..30]", "(30..90]", "> 90"];

    private static readonly string[] ValueEntries = ["-", "< 5000", "[0..10000]", ">= 0", "-"];

    private static readonly string[] TierEntries = ["-", "not(\"unknown\")", "\"standard\",\"silver\",\"gold\",\"platinum\"", "-"];

    private static readonly string[] ReasonEntries = ["-", "not(\"fraud\")", "\"defective\",\"damaged in transit\",\"wrong item\",\"changed mind\""];

    private static readonly string[] BandRefunds = ["\"full refund\"", "\"full refund\"", "\"partial refund\"", "\"store credit\"", "\"reject\""];

    private static readonly string[] BandPercents = ["100", "100", "80", "100", "0"];

    /// <summary>The overlapping policy table (FIRST, COLLECT…): rule 1 matches electronics returned defective within 14 days, rule 49 a defective item of another category after a month.</summary>
    public static string PolicyModel(string hitPolicy) => Model(hitPolicy, Policy);

    /// <summary>
    /// A table whose rules cannot overlap (UNIQUE): one per category (10) and delivery age band (5), with value, tier and reason
    /// entries that vary from rule to rule; rule 1 is electronics within 7 days, rule 50 office items after 90 days.
    /// </summary>
    public static string GridModel(string hitPolicy)
    {
        var rules = new List<string[]>();
        for (var c = 0; c < Categories.Length; c++)
        {
            for (var b = 0; b < DayBands.Length; b++)
            {
                var n = (c * DayBands.Length) + b;
                rules.Add(
                [
                    $"\"{Categories[c]}\"", DayBands[b], ValueEntries[n % ValueEntries.Length], TierEntries[n % TierEntries.Length],
                    ReasonEntries[n % ReasonEntries.Length], BandRefunds[b], BandPercents[b],
                ]);
            }
        }

        return Model(hitPolicy, rules);
    }

    private static string Model(string hitPolicy, IReadOnlyList<string[]> rules)
    {
        var xml = new StringBuilder();
        xml.Append("""
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="refunds" name="Refunds" namespace="https://example.com/aftersales/refunds">
              <inputData id="category" name="Product Category"><variable name="Product Category" typeRef="string"/></inputData>
              <inputData id="days" name="Days Since Delivery"><variable name="Days Since Delivery" typeRef="number"/></inputData>
              <inputData id="value" name="Order Value"><variable name="Order Value" typeRef="number"/></inputData>
              <inputData id="tier" name="Customer Tier"><variable name="Customer Tier" typeRef="string"/></inputData>
              <inputData id="reason" name="Return Reason"><variable name="Return Reason" typeRef="string"/></inputData>
              <decision id="refund" name="Refund Eligibility">
                <variable name="Refund Eligibility"/>
                <informationRequirement><requiredInput href="#category"/></informationRequirement>
                <informationRequirement><requiredInput href="#days"/></informationRequirement>
                <informationRequirement><requiredInput href="#value"/></informationRequirement>
                <informationRequirement><requiredInput href="#tier"/></informationRequirement>
                <informationRequirement><requiredInput href="#reason"/></informationRequirement>
            """);
        xml.Append(CultureInfo.InvariantCulture, $"""

                <decisionTable id="table" hitPolicy="{hitPolicy}">
                  <input id="in-category" label="Product Category"><inputExpression typeRef="string"><text>Product Category</text></inputExpression></input>
                  <input id="in-days" label="Days Since Delivery"><inputExpression typeRef="number"><text>Days Since Delivery</text></inputExpression></input>
                  <input id="in-value" label="Order Value"><inputExpression typeRef="number"><text>Order Value</text></inputExpression></input>
                  <input id="in-tier" label="Customer Tier"><inputExpression typeRef="string"><text>Customer Tier</text></inputExpression><inputValues><text>"standard","silver","gold","platinum"</text></inputValues></input>
                  <input id="in-reason" label="Return Reason"><inputExpression typeRef="string"><text>Return Reason</text></inputExpression></input>
                  <output id="out-refund" name="Refund" typeRef="string"><outputValues><text>"full refund","replacement","partial refund","store credit","reject"</text></outputValues></output>
                  <output id="out-percent" name="Refund Percent" typeRef="number"/>

            """);
        for (var r = 0; r < rules.Count; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"      <rule id=\"rule-{r + 1}\">");
            var rule = rules[r];
            for (var i = 0; i < rule.Length; i++)
            {
                var element = i < 5 ? "inputEntry" : "outputEntry";
                xml.Append(CultureInfo.InvariantCulture, $"<{element}><text>{SecurityElement.Escape(rule[i])}</text></{element}>");
            }

            xml.Append("</rule>\n");
        }

        xml.Append("""
                </decisionTable>
              </decision>
            </definitions>
            """);
        return xml.ToString();
    }
}

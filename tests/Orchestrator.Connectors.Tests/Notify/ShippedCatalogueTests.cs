using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orchestrator.Connectors.Notify;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Tests.Notify;

/// <summary>
/// <c>workflows/notifications/</c>: every message the shipped workflows send exists in all eight languages, parses, uses the
/// same names as its en version (so a translation cannot drop the order id or the link) and renders with the data the
/// workflows pass.
/// </summary>
public sealed partial class ShippedCatalogueTests
{
    private static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";
    private static readonly NotificationCatalogue Catalogue = new(Path.Combine(Repository.Workflows, "notifications"), FeelEngine.Default);

    /// <summary>Why return-and-refund takes an instant refund back (the <c>cause</c> its refund-reversed messages pass).</summary>
    private static readonly string[] ReversalCauses = ["never-shipped", "empty", "cancelled"];

    public static TheoryData<string> Templates => [.. SentTemplates()];

    [Fact]
    public void Every_file_parses_and_every_template_the_workflows_send_is_there()
    {
        Assert.Empty(Catalogue.Files.SelectMany(f => f.Problems));
        Assert.Equal(SentTemplates(), Catalogue.Files.Select(f => f.Template).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_template_is_in_all_eight_languages_with_the_names_of_its_en_version(string template)
    {
        var files = Catalogue.Files.Where(f => f.Template == template).ToDictionary(f => f.Language, StringComparer.Ordinal);
        var english = Names(files["en"]);

        Assert.Equal(NotificationCatalogue.Languages.Order(StringComparer.Ordinal), files.Keys.Order(StringComparer.Ordinal));
        Assert.All(files.Values, file => Assert.Equal(english, Names(file)));
        if (!Internal(template))
        {
            Assert.True(english.Contains("orderId") || english.Contains("complaintId"));
            Assert.Contains("trackingUrl", english);
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_template_renders_the_data_of_every_task_that_sends_it_in_every_language_ending_with_the_link(string template)
    {
        foreach (var data in SentData(template))
        {
            foreach (var language in NotificationCatalogue.Languages)
            {
                var linked = Catalogue.Render(template, language, data, "C-7", "http://shop.test/track/tok-1");
                var unlinked = Catalogue.Render(template, language, data, "C-7", null);

                Assert.Equal(language, linked!.Language);
                Assert.DoesNotContain("{{", linked.Subject + linked.Body, StringComparison.Ordinal);
                if (Internal(template))
                {
                    continue;
                }

                Assert.EndsWith("http://shop.test/track/tok-1", linked.Body, StringComparison.Ordinal);
                Assert.DoesNotContain("track/", unlinked!.Body, StringComparison.Ordinal);
                var reference = data.TryGetValue("orderId", out var order) ? order : data["complaintId"];
                Assert.Contains(reference.ToString(), linked.Subject + linked.Body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_refund_reversed_message_says_why_the_refund_is_taken_back_for_each_cause_in_every_language()
    {
        static FeelContext Reversed(string cause) => new(new Dictionary<string, FeelValue>(StringComparer.Ordinal)
        {
            ["orderId"] = new FeelString("O-7"), ["amount"] = new FeelNumber(12.5m), ["currency"] = new FeelString("CNY"), ["cause"] = new FeelString(cause),
        });

        foreach (var language in NotificationCatalogue.Languages)
        {
            var bodies = ReversalCauses.Select(cause => Catalogue.Render("refund-reversed", language, Reversed(cause), "C-7", null)!.Body);

            Assert.Equal(3, bodies.Distinct(StringComparer.Ordinal).Count());
        }

        Assert.Contains("As you asked, we have cancelled your return", Catalogue.Render("refund-reversed", "en", Reversed("cancelled"), "C-7", null)!.Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// A message for the shop's own people (every task sending it says <c>quality.response</c> = <c>false</c> and addresses a
    /// team or user): it needs no order reference or customer link.
    /// </summary>
    private static bool Internal(string template) => NotifyTasks().Where(t => Input(t, "template") == template).All(t =>
        t.Descendants(Zeebe + "property").Any(p => (string?)p.Attribute("name") == "quality.response" && (string?)p.Attribute("value") == "false")
        && Input(t, "customerId") is { } to && (to.StartsWith("team:", StringComparison.Ordinal) || to.Contains("\"user:\"", StringComparison.Ordinal)));

    /// <summary>The names a file's placeholders read: identifiers outside string literals.</summary>
    private static SortedSet<string> Names(MessageTemplate file) =>
        new(file.Placeholders.SelectMany(p => Identifier().Matches(StringLiteral().Replace(p, "")).Select(m => m.Value)), StringComparer.Ordinal);

    /// <summary>The literal <c>template</c> input of every <c>notify.send</c> task in the shipped workflows.</summary>
    private static List<string> SentTemplates() => [.. NotifyTasks().Select(t => Input(t, "template")!).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The <c>data</c> each task sends, its names filled with sample values (<c>=</c> expressions become markers).</summary>
    private static IEnumerable<FeelContext> SentData(string template) =>
        NotifyTasks().Where(t => Input(t, "template") == template).Select(t => Sample(Input(t, "data") ?? "={}"));

    private static FeelContext Sample(string data)
    {
        var names = DataEntry().Matches(data).Select(m => m.Groups[1].Value);
        return new FeelContext(names.Select(name => new KeyValuePair<string, FeelValue>(name, name switch
        {
            "amount" or "compensation" => new FeelNumber(12.5m),
            "reminder" => FeelBoolean.True,
            "redLines" => new FeelList([new FeelString("rude"), new FeelString("wrong-amount")]),
            _ => new FeelString(name.ToUpperInvariant() + "-1"),
        })));
    }

    private static IEnumerable<XElement> NotifyTasks() =>
        Directory.GetFiles(Repository.Workflows, "*.bpmn").Select(XDocument.Load).SelectMany(d => d.Descendants(Zeebe + "taskDefinition"))
            .Where(d => (string?)d.Attribute("type") == "notify.send").Select(d => d.Parent!);

    private static string? Input(XElement extensions, string target) =>
        (string?)extensions.Descendants(Zeebe + "input").FirstOrDefault(i => (string?)i.Attribute("target") == target)?.Attribute("source");

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"[{,]\s*([A-Za-z_][A-Za-z0-9_]*)\s*:")]
    private static partial Regex DataEntry();
}

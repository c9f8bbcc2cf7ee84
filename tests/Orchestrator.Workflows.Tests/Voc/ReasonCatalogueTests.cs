using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Voc;

/// <summary>
/// The shop's VOC reason codes (<c>workflows/voc/reasons.json</c>): served in the asker's language by <c>GET /api/voc/reasons</c>,
/// and the only codes the agents' forms offer and the decision <c>voc-reason</c> gives.
/// </summary>
public sealed class ReasonCatalogueTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    private static readonly string[] AgentForms = ["complaint-resolve", "logistics-decision", "repair-diagnosis", "return-review"];

    [Fact]
    public async Task The_catalogue_is_served_with_its_labels_in_the_language_asked_for_else_in_English()
    {
        var german = await ApiAssert.OkJson(await server.Client.GetAsync("/api/voc/reasons?lang=de-AT"));
        var english = await ApiAssert.OkJson(await server.Client.GetAsync("/api/voc/reasons"));
        var unknown = await ApiAssert.OkJson(await server.Client.GetAsync("/api/voc/reasons?lang=fr"));

        Assert.Equal("de-AT", german["language"]!.GetValue<string>());
        var logistics = german["reasons"]!.AsArray().Single(r => r!["code"]!.GetValue<string>() == "logistics")!;
        Assert.Equal("Logistik", logistics["label"]!.GetValue<string>());
        Assert.Equal("Beim Transport beschädigt", logistics["children"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "logistics/damaged")!["label"]!.GetValue<string>());
        Assert.Equal("en", english["language"]!.GetValue<string>());
        Assert.Equal(Labels(english), Labels(unknown));
        Assert.Contains(("logistics/damaged", "Damaged in transit"), Labels(english));
    }

    [Theory]
    [InlineData("x_y")]
    [InlineData("<script>")]
    public async Task A_language_that_is_not_a_language_tag_is_a_400_problem(string lang)
    {
        var response = await server.Client.GetAsync($"/api/voc/reasons?lang={Uri.EscapeDataString(lang)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a language tag", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_agents_forms_offer_every_finer_code_of_the_catalogue_with_its_English_label()
    {
        var catalogue = Catalogue();
        var expected = catalogue.SelectMany(r => r!["children"]!.AsArray().Select(c =>
            ($"{r["labels"]!["en"]!.GetValue<string>()}: {c!["labels"]!["en"]!.GetValue<string>()}", c["code"]!.GetValue<string>()))).ToList();

        foreach (var form in AgentForms)
        {
            var select = JsonNode.Parse(File.ReadAllText(Path.Combine(WorkflowServer.WorkflowsFolder, form + ".form")))!["components"]!.AsArray()
                .Single(c => c!["key"]?.GetValue<string>() == "reasonCode")!;
            Assert.Equal("select", select["type"]!.GetValue<string>());
            Assert.Equal(expected, select["values"]!.AsArray().Select(v => (v!["label"]!.GetValue<string>(), v["value"]!.GetValue<string>())).ToList());
        }
    }

    [Fact]
    public void Every_code_the_voc_reason_decision_gives_is_in_the_catalogue()
    {
        var codes = Catalogue().SelectMany(r => r!["children"]!.AsArray().Select(c => c!["code"]!.GetValue<string>())).ToHashSet(StringComparer.Ordinal);
        XNamespace dmn = "https://www.omg.org/spec/DMN/20191111/MODEL/";

        var given = XDocument.Load(Path.Combine(WorkflowServer.WorkflowsFolder, "voc-reasons.dmn")).Descendants(dmn + "outputEntry")
            .Select(e => e.Element(dmn + "text")!.Value.Trim('"')).Distinct().ToList();

        Assert.NotEmpty(given);
        Assert.All(given, code => Assert.Contains(code, codes));
    }

    private static JsonArray Catalogue() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(WorkflowServer.WorkflowsFolder, "voc", "reasons.json")))!["reasons"]!.AsArray();

    private static List<(string Code, string Label)> Labels(JsonNode answer) =>
        [.. answer["reasons"]!.AsArray().SelectMany(r => r!["children"]!.AsArray().Prepend(r))
            .Select(r => (r!["code"]!.GetValue<string>(), r["label"]!.GetValue<string>()))];
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Templates;

/// <summary>The connectors' element templates in <c>workflows/templates/</c> parse, are unique, and bind the task types the connectors serve.</summary>
public sealed class ElementTemplateTests : IDisposable
{
    private const string Schema = "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json";

    private readonly ConnectorHost _host = new();

    public static TheoryData<string> Files => [.. FileNames()];

    [Theory]
    [MemberData(nameof(Files))]
    public void A_template_is_a_Camunda_8_service_task_template_for_a_served_task_type(string file)
    {
        var template = Load(file);

        Assert.Equal(Schema, (string?)template["$schema"]);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), (string?)template["id"]);
        Assert.StartsWith("io.aftersales.", (string?)template["id"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)template["name"]));
        Assert.Equal(1, (int?)template["version"]);
        Assert.Contains("bpmn:Task", template["appliesTo"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("bpmn:ServiceTask", (string?)template["elementType"]!["value"]);

        var properties = template["properties"]!.AsArray().Select(p => p!.AsObject()).ToList();
        var type = Assert.Single(properties, p => Binding(p) == "zeebe:taskDefinition" && (string?)p["binding"]!["property"] == "type");
        Assert.Equal("Hidden", (string?)type["type"]);
        var handler = Assert.Single(Handlers(), h => h.Type == (string?)type["value"]);
        Assert.Equal("io.aftersales." + handler.Type, (string?)template["id"]);

        var output = Assert.Single(properties, p => Binding(p) == "zeebe:output");
        Assert.Equal("=" + Assert.IsAssignableFrom<IConnectorHandler>(handler).ResultVariable, (string?)output["binding"]!["source"]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_template_declares_its_groups_inputs_and_headers_consistently(string file)
    {
        var template = Load(file);
        var groups = template["groups"]!.AsArray().Select(g => (string?)g!["id"]).ToHashSet();
        var properties = template["properties"]!.AsArray().Select(p => p!.AsObject()).ToList();

        Assert.All(properties.Where(p => p["group"] is not null), p => Assert.Contains((string?)p["group"], groups));
        Assert.All(properties.Where(p => (string?)p["type"] == "Dropdown"), p => Assert.NotEmpty(p["choices"]!.AsArray()));
        var inputs = properties.Where(p => Binding(p) == "zeebe:input").Select(p => (string?)p["binding"]!["name"]).ToList();
        var headers = properties.Where(p => Binding(p) == "zeebe:taskHeader").Select(p => (string?)p["binding"]!["key"]).ToList();
        Assert.Equal(inputs.Count, inputs.Distinct().Count());
        Assert.Equal(headers.Count, headers.Distinct().Count());
        Assert.Empty(inputs.Intersect(headers));
        Assert.All(properties.Where(p => Binding(p) == "zeebe:input" && p["value"] is not null), p => Assert.StartsWith("=", (string?)p["value"], StringComparison.Ordinal));
    }

    [Fact]
    public void Template_ids_are_unique_and_every_handler_has_one()
    {
        var templates = FileNames().Select(Load).ToList();
        var ids = templates.Select(t => (string?)t["id"]).ToList();
        var types = templates.SelectMany(t => t["properties"]!.AsArray())
            .Where(p => Binding(p!.AsObject()) == "zeebe:taskDefinition" && (string?)p!["binding"]!["property"] == "type")
            .Select(p => (string?)p!["value"]);

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Handlers().Select(h => h.Type).Order(StringComparer.Ordinal), types.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bug_the_notify_templates_dropdown_offered_a_message_the_catalogue_lacks_and_missed_others_now_it_offers_the_catalogue()
    {
        var template = Load("io.aftersales.notify.send.json");
        var choices = template["properties"]!.AsArray().Single(p => (string?)p!["id"] == "template")!["choices"]!.AsArray().Select(c => (string?)c!["value"]);
        var catalogue = Directory.GetDirectories(Path.Combine(Repository.Workflows, "notifications")).Select(Path.GetFileName);

        Assert.Equal(catalogue.Order(StringComparer.Ordinal), choices.Order(StringComparer.Ordinal));
    }

    private IReadOnlyList<IJobHandler> Handlers() => [.. _host.Services.GetServices<IJobHandler>()];

    private static string? Binding(JsonObject property) => (string?)property["binding"]?["type"];

    private static JsonObject Load(string file)
    {
        var text = File.ReadAllText(Path.Combine(TemplateFolder(), file));
        return Assert.IsType<JsonObject>(JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow }));
    }

    // "Send message" (io.aftersales.messaging.send) is the server's broker connector, not one of these: the server's messaging tests check it.
    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(TemplateFolder(), "*.json").Select(path => Path.GetFileName(path))
            .Where(name => !name.StartsWith("io.aftersales.messaging.", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    private static string TemplateFolder() => Path.Combine(Repository.Workflows, "templates");

    public void Dispose() => _host.Dispose();
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Orchestrator.Connectors.Tests.Contracts;

/// <summary>
/// The simulators serve what <c>contracts/*.openapi.yaml</c> say: every documented operation, called with the
/// document's examples, answers its documented 2xx status with a body its schema accepts (and an unknown id in the
/// path its documented 404 with an <c>Error</c>); every route the simulators map is documented; the webhooks they send
/// have the headers and body schema of the documents' <c>x-webhooks</c>.
/// </summary>
public sealed class SimulatorConformanceTests(SimulatorHost host) : IClassFixture<SimulatorHost>
{
    /// <summary>
    /// Operations that need something to exist first: the named operation is called (with its own examples) and the
    /// property of its answer replaces the path or query parameter, or top-level body property, of the same name.
    /// </summary>
    private static readonly Dictionary<string, (string Operation, string Property)[]> Setups = new(StringComparer.Ordinal)
    {
        ["carrier.voidLabel"] = [("carrier.createShipment", "shipmentId")],
        ["carrier.schedulePickup"] = [("carrier.createShipment", "shipmentId")],
        ["carrier.cancelPickup"] = [("carrier.schedulePickup", "pickupId")],
        ["carrier.getTracker"] = [("carrier.createShipment", "trackingCode")],
        ["carrier.subscribeTracking"] = [("carrier.createShipment", "trackingCode")],
        ["carrier.fileClaim"] = [("carrier.createShipment", "trackingCode")],
        ["warehouse.getRma"] = [("warehouse.createRma", "rmaId")],
        ["warehouse.receiveRma"] = [("warehouse.createRma", "rmaId")],
        ["warehouse.releaseStock"] = [("warehouse.reserveStock", "reservationId")],
        ["payment.listRefunds"] = [("payment.createRefund", "orderId")],
        ["payment.reverseRefund"] = [("payment.createRefund", "refundId")],
        ["notify.listMessages"] = [("notify.sendMessage", "customerId")],
    };

    public static TheoryData<string> Operations => [.. ContractDocuments.Operations.Select(o => o.Id)];

    /// <summary>The operations with an id in the path and a documented 404.</summary>
    public static TheoryData<string> OperationsOnIds =>
        [.. ContractDocuments.Operations.Where(o => o.Parameters.Any(p => p.In == ParameterLocation.Path) && o.ResponseSchema("404") is not null).Select(o => o.Id)];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task The_simulator_answers_an_operation_as_its_document_says(string operation)
    {
        // Arrange
        var contract = ContractDocuments.Operation(operation);
        var bindings = await SetUpAsync(contract);

        // Act
        var (status, body) = await CallAsync(contract, bindings);

        // Assert
        var success = contract.Success;
        Assert.True(success.Key == status.ToString("D"), $"{contract}: answered {(int)status} {body}, documented {success.Key}");
        AssertConforms(contract, success.Key, body);
    }

    [Theory]
    [MemberData(nameof(OperationsOnIds))]
    public async Task The_simulator_answers_an_unknown_id_in_the_path_with_the_documented_404(string operation)
    {
        // Arrange: every path parameter names something that does not exist
        var contract = ContractDocuments.Operation(operation);
        var unknown = contract.Parameters.Where(p => p.In == ParameterLocation.Path).ToDictionary(p => p.Name!, _ => (JsonNode?)"UNKNOWN-0", StringComparer.Ordinal);

        // Act
        var (status, body) = await CallAsync(contract, unknown);

        // Assert
        Assert.True(status == HttpStatusCode.NotFound, $"{contract}: answered {(int)status} {body} for an unknown id");
        AssertConforms(contract, "404", body);
    }

    [Fact]
    public void Every_simulated_endpoint_is_in_a_document()
    {
        var documented = ContractDocuments.Operations
            .Select(o => $"{o.Method.Method} {new Uri(ContractDocuments.Document(o.Api).Servers![0].Url!).AbsolutePath}{o.Path}")
            .ToHashSet(StringComparer.Ordinal);

        var undocumented = host.Routes
            .Where(r => !r.Route.StartsWith(SimulatorHost.Prefix + "/_sim/", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.Route}")
            .Where(route => !documented.Contains(route))
            .ToList();

        Assert.NotEmpty(host.Routes);
        Assert.True(undocumented.Count == 0, "not in contracts/: " + string.Join(", ", undocumented));
    }

    [Fact]
    public async Task The_simulators_webhooks_are_signed_and_shaped_as_their_documents_say()
    {
        // Arrange: a return parcel and its RMA, on a pinned clock
        var now = DateTimeOffset.UtcNow;
        await PinClockAsync(now);
        foreach (var id in (string[])["carrier.createShipment", "warehouse.createRma"])
        {
            var (status, body) = await CallAsync(ContractDocuments.Operation(id), new Dictionary<string, JsonNode?>());
            Assert.True(status is HttpStatusCode.Created, $"{id}: {(int)status} {body}");
        }

        try
        {
            // Act: delivered after 24 h, received by the warehouse and inspected 2 h later
            await PinClockAsync(now.AddHours(30));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!host.Webhooks.Any(w => w.Body.Contains("\"inspected\"", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            // Assert
            var sent = host.Webhooks;
            foreach (var api in SimulatorHost.WebhookUrls.Keys)
            {
                Assert.Contains(sent, w => w.Url == SimulatorHost.WebhookUrls[api]);
            }

            Assert.All(sent, webhook =>
            {
                var api = Assert.Single(SimulatorHost.WebhookUrls, u => u.Value == webhook.Url).Key;
                var (headers, schema) = Webhook(api);
                Assert.All(headers, h => Assert.True(webhook.Headers.ContainsKey(h), $"{api} webhook without {h}: {webhook.Body}"));
                var errors = SchemaValidator.Validate(JsonNode.Parse(webhook.Body), schema);
                Assert.True(errors.Count == 0, $"{api} webhook {webhook.Body}:\n" + string.Join("\n", errors));
            });
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync(SimulatorHost.Prefix + "/_sim/clock/reset", null)).StatusCode);
        }
    }

    /// <summary>The headers and body schema of the one webhook in the document's <c>x-webhooks</c>.</summary>
    private static (IReadOnlyList<string> Headers, IOpenApiSchema Schema) Webhook(string api)
    {
        var document = ContractDocuments.Document(api);
        var post = Assert.Single(Assert.IsType<JsonNodeExtension>(document.Extensions!["x-webhooks"]).Node.AsObject()).Value!["post"]!;
        string Component(JsonNode reference) => reference["$ref"]!.GetValue<string>().Split('/')[^1];
        var headers = post["parameters"]!.AsArray().Select(p => document.Components!.Parameters![Component(p!)].Name!).ToList();
        return (headers, document.Components!.Schemas![Component(post["requestBody"]!["content"]!["application/json"]!["schema"]!)]);
    }

    private async Task PinClockAsync(DateTimeOffset at)
    {
        using var body = new StringContent($"{{\"timestamp\":{at.ToUnixTimeMilliseconds()}}}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync(SimulatorHost.Prefix + "/_sim/clock", body)).StatusCode);
    }

    private static void AssertConforms(ContractOperation contract, string status, string? body)
    {
        var schema = contract.ResponseSchema(status);
        if (schema is null)
        {
            Assert.True(string.IsNullOrEmpty(body), $"{contract}: {status} has a body the document does not describe: {body}");
            return;
        }

        Assert.True(body is not null, $"{contract}: {status} has no body; the document describes one");
        var errors = SchemaValidator.Validate(JsonNode.Parse(body), schema);
        Assert.True(errors.Count == 0, $"{contract}, {status} {body}:\n" + string.Join("\n", errors));
    }

    /// <summary>Runs the operation's setup (recursively) and returns the values it binds.</summary>
    private async Task<Dictionary<string, JsonNode?>> SetUpAsync(ContractOperation contract)
    {
        var bindings = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (operation, property) in Setups.GetValueOrDefault(contract.Id) ?? [])
        {
            var prerequisite = ContractDocuments.Operation(operation);
            var (status, body) = await CallAsync(prerequisite, await SetUpAsync(prerequisite));
            Assert.True(prerequisite.Success.Key == status.ToString("D"), $"setting up {contract.Id}: {prerequisite} answered {(int)status} {body}");
            bindings[property] = JsonNode.Parse(body!)![property]?.DeepClone()
                ?? throw new InvalidOperationException($"setting up {contract.Id}: {prerequisite} answered no '{property}': {body}");
        }

        return bindings;
    }

    /// <summary>Calls the operation with its examples, bound values replacing the parameters and body properties they name.</summary>
    private async Task<(HttpStatusCode Status, string? Body)> CallAsync(ContractOperation contract, IReadOnlyDictionary<string, JsonNode?> bindings)
    {
        var document = ContractDocuments.Document(contract.Api);
        var path = contract.Path;
        var query = new List<string>();
        using var request = new HttpRequestMessage(contract.Method, (Uri?)null);
        foreach (var parameter in contract.Parameters)
        {
            var value = bindings.GetValueOrDefault(parameter.Name!) ?? parameter.Example;
            var text = parameter.Name == "Idempotency-Key"
                ? Guid.NewGuid().ToString() // a fresh key per call, so no case is answered with another's replay
                : value?.GetValue<string>() ?? throw new InvalidDataException($"{contract}: parameter '{parameter.Name}' has no example");
            switch (parameter.In)
            {
                case ParameterLocation.Path:
                    path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(text), StringComparison.Ordinal);
                    break;
                case ParameterLocation.Query:
                    query.Add($"{Uri.EscapeDataString(parameter.Name!)}={Uri.EscapeDataString(text)}");
                    break;
                case ParameterLocation.Header:
                    request.Headers.Add(parameter.Name!, text);
                    break;
            }
        }

        foreach (var scheme in document.Components?.SecuritySchemes?.Values ?? [])
        {
            request.Headers.Add(scheme.Name!, "conformance-test");
        }

        if (contract.RequestBody is { } body)
        {
            var json = body.Example?.DeepClone() ?? throw new InvalidDataException($"{contract}: the request body has no example");
            foreach (var (name, value) in bindings)
            {
                if (json is JsonObject properties && properties.ContainsKey(name))
                {
                    properties[name] = value?.DeepClone();
                }
            }

            request.Content = new StringContent(json.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        request.RequestUri = new Uri(new Uri(document.Servers![0].Url!).AbsolutePath + path + (query.Count > 0 ? "?" + string.Join('&', query) : ""), UriKind.Relative);
        using var response = await host.Client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, answer.Length == 0 ? null : answer);
    }
}

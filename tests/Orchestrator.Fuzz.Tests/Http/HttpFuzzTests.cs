using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Fuzz.Tests.Bpmn;
using Orchestrator.Fuzz.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Fuzz.Tests.Http;

/// <summary>
/// No request gets a 5xx: every route the server maps (read from its <see cref="EndpointDataSource"/>, so a new route is
/// fuzzed too; the simulators under <c>/sim</c> and the UI's fallback left out) is called with generated paths (keys of real
/// records, int64 extremes and beyond, junk), query strings and bodies (JSON of random shapes with the API's field names,
/// wrong types, NUL characters, deep nesting, broken JSON; multipart bodies with mutated models, broken boundaries and
/// truncation for the routes that take files).
/// </summary>
public sealed partial class HttpFuzzTests(FuzzServerFixture server) : IClassFixture<FuzzServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private static readonly string[] Segments =
    [
        "0", "1", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999999", "abc", "%2e%2e",
        "..", "%2F", "1e3", "0x10", "%20", "%F0%9F%98%80", "null", "2251799813685249", "v1", "return-and-refund", "%25", "' OR '1'='1",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain", null,
        "application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=utf-32", "application/problem+json",
    ];

    private static readonly string[] FileNames = ["model.bpmn", "form.form", "model.xml", "notes.txt", "", "../../escape.bpmn", "a\"b.bpmn", new string('n', 300) + ".bpmn"];

    private List<(string Method, string Pattern)> _routes = [];

    private List<string> _keys = [];

    public async Task InitializeAsync()
    {
        _routes = Routes();
        _keys = await SeedAsync();
        JsonText.FieldNames = await FieldNamesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Routes_AreFoundAndIncludeTheApi()
    {
        // Act
        var patterns = _routes.Select(r => $"{r.Method} {r.Pattern}").ToList();

        // Assert: the API, the UI's API and the webhooks are there; the simulators are not.
        Assert.Contains("POST /v2/deployments", patterns);
        Assert.Contains("POST /api/models/validate", patterns);
        Assert.Contains(patterns, p => p.StartsWith("POST /webhooks/", StringComparison.Ordinal));
        Assert.DoesNotContain(patterns, p => p.Contains(" /sim", StringComparison.Ordinal));
    }

    [Fact]
    public Task EveryRoute_AnswersGeneratedRequestsWithoutA5xx() =>
        Fuzzer.CheckAsync(nameof(EveryRoute_AnswersGeneratedRequestsWithoutA5xx), Requests(), 1_000, Budget, AnswersWithoutA5xxAsync, r => r.ToString());

    [Fact]
    public Task ModelRoutes_AnswerGeneratedMultipartBodiesWithoutA5xx() =>
        Fuzzer.CheckAsync(nameof(ModelRoutes_AnswerGeneratedMultipartBodiesWithoutA5xx), MultipartRequests(), 300, Budget, AnswersWithoutA5xxAsync, r => r.ToString());

    private async Task AnswersWithoutA5xxAsync(FuzzRequest generated)
    {
        using var request = new HttpRequestMessage(new HttpMethod(generated.Method), generated.Path);
        if (generated.ContentType is not null || generated.Body.Length > 0)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(generated.Body));
            if (generated.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", generated.ContentType);
            }
        }

        using var response = await server.Client.SendAsync(request);
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{status} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private Gen<FuzzRequest> Requests() =>
        Gen.Select(Gen.Int[0, _routes.Count - 1], Gen.Int[0, 8], Path(), Gen.Int[0, ContentTypes.Length - 1], JsonText.Body, Query(),
            (route, otherMethod, path, contentType, body, query) =>
            {
                var (method, pattern) = _routes[route];
                method = otherMethod == 0 ? "GET PUT POST PATCH DELETE".Split(' ')[route % 5] : method;
                var hasBody = method is "POST" or "PUT" or "PATCH";

                return new FuzzRequest(pattern, method, path(pattern) + query, hasBody ? ContentTypes[contentType] : null, hasBody ? body : string.Empty);
            });

    /// <remarks>
    /// A NUL in the path is left out: the in-process test server refuses to send it, and Kestrel refuses it before routing.
    /// Some bodies end before their boundary does: cut short, or with the closing boundary left out.
    /// </remarks>
    private static Gen<FuzzRequest> MultipartRequests() =>
        Gen.Select(Gen.Bool, Part().Array[0, 3], Gen.Bool, Gen.Int[0, 9], Gen.Double[0, 1], (validate, parts, noBoundary, ending, cut) =>
        {
            const string Boundary = "fuzz-boundary-7d1";
            var body = string.Concat(parts.Select(p => $"--{Boundary}\r\n{p}\r\n")) + (ending == 0 ? "" : $"--{Boundary}--\r\n");
            body = ending == 1 ? body[..(int)(body.Length * cut)] : body;
            var path = validate ? "/api/models/validate" : "/v2/deployments";
            return new FuzzRequest("POST " + path, "POST", path, noBoundary ? "multipart/form-data" : $"multipart/form-data; boundary={Boundary}", body);
        });

    /// <summary>One part: mostly a resource file holding a mutated model, sometimes a form, another field, or broken headers.</summary>
    private static Gen<string> Part() =>
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, FileNames.Length - 1], Gen.Int[0, BpmnCorpus.Models.Count - 1], BpmnMutation.Gen.Array[0, 3], JsonText.Body,
            (kind, file, model, edits, json) =>
            {
                var content = kind switch
                {
                    < 5 => BpmnMutation.Apply(BpmnCorpus.Models[model].Xml, edits),
                    < 7 => json,
                    _ => BpmnCorpus.Models[model].Xml,
                };
                return kind switch
                {
                    7 => $"Content-Disposition: form-data; name=\"tenantId\"\r\n\r\n{json}",
                    8 => $"Content-Type: text/plain\r\n\r\n{content}",
                    9 => $"Content-Disposition: form-data; name=\"resources\"; filename=\"{FileNames[file]}\"\r\n{content}",
                    _ => $"Content-Disposition: form-data; name=\"resources\"; filename=\"{FileNames[file]}\"\r\nContent-Type: application/octet-stream\r\n\r\n{content}",
                };
            });

    /// <summary>Fills a route pattern's parameters: keys of real records, or the segments above (some unescaped), or several segments for a catch-all.</summary>
    private Gen<Func<string, string>> Path() =>
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 10_000], Gen.Int[0, 3], (a, b, how) => (Func<string, string>)(pattern => Parameter().Replace(pattern, match =>
        {
            var value = how switch
            {
                0 when _keys.Count > 0 => _keys[a % _keys.Count],
                1 => Uri.EscapeDataString(Segments[a % Segments.Length]),
                2 => Segments[a % Segments.Length],
                _ => (a % 3).ToString(CultureInfo.InvariantCulture) + new string('9', b % 40),
            };
            return match.Value.Contains('*', StringComparison.Ordinal) ? value + "/" + Segments[b % Segments.Length] : value;
        })));

    private static Gen<string> Query() => Gen.Frequency<string>(
        (6, Gen.Const(string.Empty)),
        (1, Gen.OneOf("?a=1", "?limit=-1", "?from=9223372036854775808", "?%00=%00", "?q=" + new string('q', 5000), "?processInstanceKey=abc&processInstanceKey=1")));

    /// <summary>Every mapped route but the simulators and the UI's fallback, one entry per method.</summary>
    private List<(string Method, string Pattern)> Routes() =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Pattern: e.RoutePattern.RawText ?? string.Empty))
            .Where(e => !e.Pattern.StartsWith("/sim", StringComparison.Ordinal) && !e.Pattern.Contains(":nonfile", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(m => (m, "/" + e.Pattern.TrimStart('/'))))
            .Distinct()
            .Order()
            .ToList();

    /// <summary>Deploys the shipped workflows, starts and moves an instance, and returns the keys of what that made (definitions, instances, tasks, jobs...).</summary>
    private async Task<List<string>> SeedAsync()
    {
        using var content = new MultipartFormDataContent();
        foreach (var file in Directory.EnumerateFiles(Repository.Workflows).Where(f => f.EndsWith(".bpmn", StringComparison.Ordinal) || f.EndsWith(".form", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            content.Add(new ByteArrayContent(await File.ReadAllBytesAsync(file)), "resources", System.IO.Path.GetFileName(file));
        }

        var keys = new List<string>();
        Collect(await ApiAssert.OkJson(await server.Client.PostAsync("/v2/deployments", content)), keys);
        var started = await server.Client.PostAsync("/v2/process-instances", new StringContent("""
            {"processDefinitionId": "return-and-refund", "variables": {"orderId": "FUZZ-1", "customerId": "CUST-FUZZ", "customerTier": "standard",
             "kind": "refund", "category": "electronics", "language": "en", "amount": 899, "currency": "CNY", "returnReason": "broken",
             "deliveredAt": "2024-03-11T09:00:00Z", "items": [{"sku": "SKU-TABLET", "quantity": 1}],
             "address": {"name": "Li Wei", "street": "1 Nanjing Road", "city": "Shanghai", "postalCode": "200000", "country": "CN"}}}
            """, Encoding.UTF8, "application/json"));
        Collect(await ApiAssert.OkJson(started), keys);
        foreach (var search in new[] { "process-definitions", "process-instances", "user-tasks", "incidents", "variables", "element-instances" })
        {
            Collect(await server.PostOkAsync($"/v2/{search}/search", new { }), keys);
        }

        return keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The property names of the server's OpenAPI document: what request bodies are made of.</summary>
    private async Task<string[]> FieldNamesAsync()
    {
        var document = await ApiAssert.OkJson(await server.Client.GetAsync("/openapi/v1.json"));
        var names = new SortedSet<string>(StringComparer.Ordinal) { "filter", "sort", "page", "variables", "$eq", "$in", "$like", "$gt", "field", "order" };
        void Walk(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                if (obj["properties"] is JsonObject properties)
                {
                    names.UnionWith(properties.Select(p => p.Key));
                }

                foreach (var (_, child) in obj)
                {
                    Walk(child);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                {
                    Walk(child);
                }
            }
        }

        Walk(document);
        return [.. names];
    }

    private static void Collect(JsonNode? node, List<string> keys)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (name.EndsWith("Key", StringComparison.Ordinal) && child is JsonValue value && value.TryGetValue<string>(out var key))
                    {
                        keys.Add(key);
                    }

                    Collect(child, keys);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, keys);
                }

                break;
        }
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}

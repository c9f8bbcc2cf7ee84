using Microsoft.OpenApi;

namespace Orchestrator.Connectors.Tests.Contracts;

/// <summary>Each document in <c>contracts/</c> reads cleanly and follows the contract conventions (<c>contracts/README.md</c>).</summary>
public sealed class ContractDocumentTests
{
    public static TheoryData<string> Apis => [.. ContractDocuments.Apis];

    [Fact]
    public void The_six_partner_APIs_have_a_document()
    {
        Assert.Equal(["carrier", "customers", "notify", "orders", "payment", "warehouse"], ContractDocuments.Apis);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void A_document_is_OpenAPI_3_0_3_without_reader_errors_or_warnings(string api)
    {
        var result = ContractDocuments.Result(api);

        Assert.Empty(result.Diagnostic!.Errors.Select(e => e.ToString()));
        Assert.Empty(result.Diagnostic.Warnings.Select(e => e.ToString()));
        Assert.StartsWith("openapi: 3.0.3\n", File.ReadAllText(ContractDocuments.FilePath(api)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void A_document_follows_the_contract_conventions(string api)
    {
        var document = ContractDocuments.Document(api);
        var operations = ContractDocuments.Operations.Where(o => o.Api == api).ToList();

        // Served under /sim/<api>; one X-Api-Key scheme, required by the whole document.
        Assert.Equal($"http://localhost:8080/sim/{api}", Assert.Single(document.Servers!).Url);
        var scheme = Assert.Single(document.Components!.SecuritySchemes!);
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "X-Api-Key"), (scheme.Value.Type!.Value, scheme.Value.In!.Value, scheme.Value.Name));
        Assert.Equal(scheme.Key, Assert.Single(Assert.Single(document.Security!)).Key.Reference.Id);

        // One error shape: {error, message}.
        var error = document.Components.Schemas!["Error"];
        Assert.Equal(["error", "message"], error.Required!.Order(StringComparer.Ordinal));
        Assert.All(error.Properties!.Values, p => Assert.Equal(JsonSchemaType.String, p.Type));

        Assert.NotEmpty(operations);
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.OperationId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Operation.OperationId), $"{o.Method} {o.Path} has no operationId");
            Assert.True(o.Method != HttpMethod.Post || o.Parameters.Any(p => p is { Name: "Idempotency-Key", In: ParameterLocation.Header }), $"{o} takes no Idempotency-Key");
            Assert.All(o.Parameters.Where(p => p.Required), p => Assert.True(p.Example is not null, $"{o}: parameter '{p.Name}' has no example"));
            Assert.True(o.RequestBody is null || o.RequestBody.Example is not null, $"{o}: the request body has no example");
            Assert.NotNull(o.ResponseSchema(o.Success.Key));
            Assert.All(o.Operation.Responses!.Where(r => !r.Key.StartsWith('2')), r => Assert.Same(error, r.Value.Content!["application/json"].Schema switch
            {
                OpenApiSchemaReference reference => reference.Target,
                var other => other,
            }));
        });
    }
}

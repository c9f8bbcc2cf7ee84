using Microsoft.OpenApi;

namespace Orchestrator.Connectors.Tests.Contracts;

/// <summary>One operation of a contract document: <c>{Api}.{operationId}</c>, e.g. <c>carrier.createShipment</c>.</summary>
/// <param name="Api">The document's name: <c>contracts/{Api}.openapi.yaml</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path template, relative to the document's server URL.</param>
/// <param name="PathItem">The path item (its parameters apply to the operation too).</param>
/// <param name="Operation">The operation.</param>
public sealed record ContractOperation(string Api, HttpMethod Method, string Path, IOpenApiPathItem PathItem, OpenApiOperation Operation)
{
    public string Id => $"{Api}.{Operation.OperationId}";

    /// <summary>The path item's and the operation's parameters (the operation's win by name and location).</summary>
    public IReadOnlyList<IOpenApiParameter> Parameters =>
        [.. (Operation.Parameters ?? []).Concat((PathItem.Parameters ?? []).Where(p => Operation.Parameters?.Any(o => o.Name == p.Name && o.In == p.In) != true))];

    /// <summary>The JSON request body, if the operation takes one.</summary>
    public OpenApiMediaType? RequestBody => Operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true ? body : null;

    /// <summary>The one documented 2xx answer.</summary>
    public KeyValuePair<string, IOpenApiResponse> Success => Assert.Single(Operation.Responses ?? [], r => r.Key.StartsWith('2'));

    /// <summary>The JSON schema of a documented answer, or null when it has no body.</summary>
    public IOpenApiSchema? ResponseSchema(string status) =>
        Operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue("application/json", out var json) == true ? json.Schema : null;

    public override string ToString() => $"{Id} ({Method} {Path})";
}

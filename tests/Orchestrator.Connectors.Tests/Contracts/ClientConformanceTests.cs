using System.Reflection;
using Microsoft.OpenApi;
using Refit;

namespace Orchestrator.Connectors.Tests.Contracts;

/// <summary>
/// The Refit clients call what <c>contracts/*.openapi.yaml</c> describe: each method is a documented operation
/// (verb and path), its path, query and header parameters are the operation's, its body record fits the request
/// schema and its answer record the 2xx schema, as <see cref="ConnectorJsonContext"/> writes and reads them.
/// </summary>
public sealed class ClientConformanceTests
{
    /// <summary>Every Refit method of the connectors, <c>ICarrierApi.CreateShipmentAsync</c>.</summary>
    public static TheoryData<string> Methods => [.. Clients().SelectMany(c => RefitMethods(c).Select(m => $"{c.Name}.{m.Name}"))];

    public static TheoryData<string> Apis => [.. ContractDocuments.Apis];

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_client_method_calls_a_documented_operation_as_documented(string method)
    {
        // Arrange
        var client = Assert.Single(Clients(), c => c.Name == method[..method.IndexOf('.', StringComparison.Ordinal)]);
        var call = Assert.Single(RefitMethods(client), m => m.Name == method[(method.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var verb = call.GetCustomAttribute<HttpMethodAttribute>()!;
        var api = Assert.Single(ContractDocuments.Apis, a => ApiNames(client).Contains(a));

        // Act
        var contract = ContractDocuments.Operations.SingleOrDefault(o => o.Api == api && o.Method == verb.Method && o.Path == verb.Path);

        // Assert
        Assert.True(contract is not null, $"{method}: {verb.Method} {verb.Path} is not in contracts/{api}.openapi.yaml");
        var errors = Parameters(call, contract).Concat(Body(call, contract)).Concat(Answer(call, contract)).ToList();
        Assert.True(errors.Count == 0, $"{method} against {contract}:\n" + string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void A_contract_has_a_Refit_client(string api)
    {
        Assert.True(Clients().Any(c => ApiNames(c).Contains(api)), $"no Refit interface in Orchestrator.Connectors for contracts/{api}.openapi.yaml");
    }

    private static IEnumerable<string> Parameters(MethodInfo call, ContractOperation contract)
    {
        var documented = contract.Parameters.ToList();
        var sent = new List<(ParameterLocation In, string Name)>();
        foreach (var parameter in call.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken) && p.GetCustomAttribute<BodyAttribute>() is null))
        {
            var alias = parameter.GetCustomAttribute<AliasAsAttribute>()?.Name ?? parameter.Name!;
            sent.Add(parameter.GetCustomAttribute<HeaderAttribute>() is { } header ? (ParameterLocation.Header, header.Header)
                : contract.Path.Contains("{" + alias + "}", StringComparison.Ordinal) && parameter.GetCustomAttribute<QueryAttribute>() is null ? (ParameterLocation.Path, alias)
                : (ParameterLocation.Query, alias));
        }

        foreach (var (location, name) in sent.Where(s => !documented.Any(d => d.In == s.In && string.Equals(d.Name, s.Name, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"sends {location} parameter '{name}', which the operation does not have";
        }

        foreach (var missing in documented.Where(d => d.Required && !sent.Any(s => s.In == d.In && string.Equals(d.Name, s.Name, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"does not send the required {missing.In} parameter '{missing.Name}'";
        }
    }

    private static IEnumerable<string> Body(MethodInfo call, ContractOperation contract)
    {
        var body = call.GetParameters().SingleOrDefault(p => p.GetCustomAttribute<BodyAttribute>() is not null);
        return (body, contract.RequestBody?.Schema) switch
        {
            (null, null) => [],
            (null, _) => [contract.Operation.RequestBody!.Required ? "sends no body; the operation requires one" : "sends no body"],
            (_, null) => ["sends a body; the operation takes none"],
            var (parameter, schema) => RecordShape.AsRequest(parameter.ParameterType, schema).Select(e => "request " + e),
        };
    }

    private static IEnumerable<string> Answer(MethodInfo call, ContractOperation contract)
    {
        var type = call.ReturnType.IsGenericType && call.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) ? call.ReturnType.GetGenericArguments()[0] : null;
        var schema = contract.ResponseSchema(contract.Success.Key);
        return (type, schema) switch
        {
            (null, _) => [],
            (_, null) => [$"reads a {type.Name}; the {contract.Success.Key} answer has no body"],
            _ => RecordShape.AsResponse(type, schema).Select(e => "answer " + e),
        };
    }

    /// <summary>The Refit interfaces of the connectors.</summary>
    private static IEnumerable<Type> Clients() =>
        typeof(ConnectorJsonContext).Assembly.GetTypes().Where(t => t.IsInterface && t.IsPublic && RefitMethods(t).Any()).OrderBy(t => t.Name, StringComparer.Ordinal);

    private static IEnumerable<MethodInfo> RefitMethods(Type client) => client.GetMethods().Where(m => m.GetCustomAttribute<HttpMethodAttribute>() is not null);

    /// <summary>The contract names a client may serve: its feature folder (<c>Connectors/Carrier</c>) and its name (<c>ICarrierApi</c>), lower case.</summary>
    private static string[] ApiNames(Type client) =>
        [client.Namespace![(client.Namespace!.LastIndexOf('.') + 1)..].ToLowerInvariant(), client.Name[1..^"Api".Length].ToLowerInvariant()];
}

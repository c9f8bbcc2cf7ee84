using System.Collections.Concurrent;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Orchestrator.Connectors.Tests.Contracts;

/// <summary>The partner API contracts in <c>contracts/*.openapi.yaml</c>, read once with Microsoft.OpenApi.</summary>
public static class ContractDocuments
{
    private const string Suffix = ".openapi.yaml";

    private static readonly ConcurrentDictionary<string, ReadResult> Read = new(StringComparer.Ordinal);

    /// <summary>The documents' names (<c>carrier</c>, <c>warehouse</c>, ...), sorted.</summary>
    public static IReadOnlyList<string> Apis =>
        [.. Directory.GetFiles(Folder(), "*" + Suffix).Select(path => Path.GetFileName(path)[..^Suffix.Length]).Order(StringComparer.Ordinal)];

    /// <summary>Every operation of every document.</summary>
    public static IEnumerable<ContractOperation> Operations =>
        Apis.SelectMany(api => Document(api).Paths.SelectMany(path => (path.Value.Operations ?? []).Select(op => new ContractOperation(api, op.Key, path.Key, path.Value, op.Value))));

    /// <summary>The operation <c>{api}.{operationId}</c>.</summary>
    public static ContractOperation Operation(string id) => Assert.Single(Operations, o => o.Id == id);

    /// <summary>The parsed document and what the reader reported.</summary>
    public static ReadResult Result(string api) => Read.GetOrAdd(api, name =>
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        using var stream = new MemoryStream(File.ReadAllBytes(FilePath(name)));
        return OpenApiDocument.Load(stream, "yaml", settings);
    });

    public static OpenApiDocument Document(string api) => Result(api).Document ?? throw new InvalidDataException($"{FilePath(api)} does not read as OpenAPI");

    public static string FilePath(string api) => Path.Combine(Folder(), api + Suffix);

    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return Path.Combine(dir.FullName, "contracts");
            }
        }

        throw new DirectoryNotFoundException("no Orchestrator.sln above " + AppContext.BaseDirectory);
    }
}

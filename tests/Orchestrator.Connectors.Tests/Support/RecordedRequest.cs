namespace Orchestrator.Connectors.Tests.Support;

/// <summary>A request the fake API received.</summary>
public sealed record RecordedRequest(HttpMethod Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

using System.Text;

namespace Orchestrator.Fuzz.Tests.Http;

/// <summary>One generated request: method, path (with query), content type (none when null) and body.</summary>
internal sealed record FuzzRequest(string Route, string Method, string Path, string? ContentType, string Body)
{
    private const int MaxPrinted = 3000;

    /// <summary>The request as text, for a failure message.</summary>
    public override string ToString()
    {
        var body = Body.Length <= MaxPrinted ? Body : Body[..MaxPrinted] + $"... ({Body.Length:N0} characters)";
        return new StringBuilder()
            .Append(Method).Append(' ').Append(Path).Append("   (route ").Append(Route).AppendLine(")")
            .Append("Content-Type: ").AppendLine(ContentType ?? "(none)")
            .AppendLine()
            .Append(body)
            .ToString();
    }
}

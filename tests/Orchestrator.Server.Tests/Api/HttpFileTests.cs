using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>A server with the Development demo user <c>alice</c> (password <c>demo</c>), whom the file signs in.</summary>
public sealed class HttpFileServer : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Auth:Users:alice:PasswordHash"] = new Microsoft.AspNetCore.Identity.PasswordHasher<string>().HashPassword("alice", "demo");
        settings["Auth:Users:alice:Groups:0"] = "agents";
        settings["Auth:Users:alice:Roles:0"] = "agent";
        return settings;
    }
}

/// <summary>Runs the committed <c>orchestrator.http</c> top to bottom against a server, so its examples keep working.</summary>
public sealed partial class HttpFileTests(HttpFileServer server) : IClassFixture<HttpFileServer>
{
    [Fact]
    public async Task Every_example_in_the_http_file_succeeds()
    {
        var path = Path.Combine(Repository.Root, "src", "Orchestrator.Server", "orchestrator.http");
        var folder = Path.GetDirectoryName(path)!;
        var responses = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var requests = File.ReadAllText(path).Split("\n###", StringSplitOptions.TrimEntries);
        var ran = 0;
        foreach (var block in requests)
        {
            var lines = block.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var name = lines.FirstOrDefault(l => l.StartsWith("# @name ", StringComparison.Ordinal))?["# @name ".Length..].Trim();
            var start = lines.FindIndex(l => Regex.IsMatch(l, "^(GET|POST|PUT|PATCH|DELETE) "));
            if (start < 0)
            {
                continue;
            }

            var requestLine = Resolve(lines[start], responses).Split(' ', 2);
            var headers = new List<(string Name, string Value)>();
            var i = start + 1;
            for (; i < lines.Count && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                headers.Add((lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
            }

            var body = new StringBuilder();
            foreach (var line in lines.Skip(i + 1).Where(l => !l.StartsWith('#')))
            {
                body.Append(line.StartsWith("< ", StringComparison.Ordinal) ? File.ReadAllText(Path.Combine(folder, line[2..].Trim())) : Resolve(line, responses)).Append("\r\n");
            }

            using var request = new HttpRequestMessage(new HttpMethod(requestLine[0]), requestLine[1].Replace("{{host}}", "", StringComparison.Ordinal));
            var contentType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
            if (contentType is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString().TrimEnd()));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            // Other headers as written, {{host}} being this server (an Origin header names it as a browser would).
            foreach (var (header, value) in headers.Where(h => !h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                request.Headers.TryAddWithoutValidation(header, value.Replace("{{host}}", server.Client.BaseAddress!.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));
            }

            var response = await server.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{requestLine[0]} {requestLine[1]} answered {(int)response.StatusCode}: {text}");
            if (name is not null)
            {
                responses[name] = text.Length > 0 ? JsonNode.Parse(text) : null;
            }

            ran++;
        }

        Assert.True(ran >= 25, $"only {ran} requests found in {path}");
    }

    private static string Resolve(string text, Dictionary<string, JsonNode?> responses) =>
        Reference().Replace(text, match =>
        {
            JsonNode? node = responses[match.Groups[1].Value];
            foreach (Match step in Step().Matches(match.Groups[2].Value))
            {
                node = step.Groups[1].Success ? node![step.Groups[1].Value] : node![int.Parse(step.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
            }

            return node!.GetValue<string>();
        });

    [GeneratedRegex(@"\{\{(\w+)\.response\.body\.\$((?:\.\w+|\[\d+\])+)\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\.(\w+)|\[(\d+)\]")]
    private static partial Regex Step();
}

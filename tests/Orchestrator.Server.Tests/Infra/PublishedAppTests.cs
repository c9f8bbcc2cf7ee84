using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Infra;

/// <summary>
/// A published build is an app folder that runs from any working directory, as a service manager or a container starts
/// it: the web UI, the settings and the shipped workflows come from the app folder, the state goes to the working directory.
/// </summary>
public sealed partial class PublishedAppTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    [Fact]
    public async Task PublishedApp_started_from_another_directory_serves_the_web_ui_and_deploys_the_shipped_workflows()
    {
        // Arrange
        using var database = TestDatabase.Create();
        var elsewhere = Path.Combine(database.Folder, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:Orchestrator"] = database.ConnectionString,
            ["Auth:Anonymous"] = "true",
        };

        // Act
        await using var server = await ServerProcess.StartPublishedAsync(app.Folder, elsewhere, settings);
        using var client = new HttpClient { BaseAddress = server.Address };
        var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var bundle = await client.GetAsync(new Uri(ScriptSource().Match(html).Groups[1].Value, UriKind.Relative));
        var definitions = await ApiAssert.OkJson(await client.PostAsJsonAsync("/v2/process-definitions/search", new { page = new { limit = 100 } }));

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Repository.Server, "wwwroot", "index.html")), html);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        var shipped = Directory.EnumerateFiles(Repository.Workflows, "*.bpmn", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var deployed = definitions["items"]!.AsArray().Select(d => d!["resourceName"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(shipped, deployed);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(elsewhere, "logs")));
        Assert.False(Directory.Exists(Path.Combine(app.Folder, "logs")), "the app folder stays as published");
    }

    [GeneratedRegex("<script[^>]* src=\"(/[^\"]+\\.js)\"")]
    private static partial Regex ScriptSource();
}

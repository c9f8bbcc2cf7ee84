using System.Diagnostics;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Compatibility;

/// <summary>
/// Camunda's own Node SDK (<c>@camunda8/sdk</c> 8.8.13) against a started server: deploy, create an instance,
/// a REST job worker, a message, a user task searched, assigned and completed with its form, a failed job
/// turned incident and resolved, and a timer fired by pinning the clock (see <c>sdk/compat.mjs</c>).
/// Needs node and <c>npm ci</c> in <c>sdk/</c> (<c>.ci/run</c> does both); without them the test fails and says so.
/// </summary>
public sealed class SdkCompatibilityTests
{
    private static readonly string SdkFolder = Path.Combine(FindTestsFolder(), "Compatibility", "sdk");

    [Fact]
    public async Task Camunda_node_sdk_runs_a_whole_process_against_the_server()
    {
        Assert.True(Directory.Exists(Path.Combine(SdkFolder, "node_modules", "@camunda8", "sdk")),
            $"run 'npm ci' in {SdkFolder} first (.ci/run does)");
        using var database = TestDatabase.Create();
        await using var server = await ServerProcess.StartAsync(database, new Dictionary<string, string?>
        {
            ["Auth:Anonymous"] = "true",
            ["Engine:ClockControl"] = "true",
            ["Workflows:Path"] = Path.Combine(database.Folder, "workflows"),
        });

        var info = new ProcessStartInfo("node", "compat.mjs")
        {
            WorkingDirectory = SdkFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ZEEBE_REST_ADDRESS"] = server.Address.ToString().TrimEnd('/');
        info.Environment["CAMUNDA_AUTH_STRATEGY"] = "NONE";
        using var node = Process.Start(info)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await node.WaitForExitAsync(timeout.Token);

        var log = await output + await errors;
        Assert.True(node.ExitCode == 0, $"the SDK run failed:\n{log}\n--- server ---\n{server.Output}");
        Assert.Contains("ALL OK", log, StringComparison.Ordinal);
    }

    private static string FindTestsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.Server.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("tests/Orchestrator.Server.Tests not found above " + AppContext.BaseDirectory);
    }
}

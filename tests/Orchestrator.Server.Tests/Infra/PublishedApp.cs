using System.Diagnostics;
using System.Reflection;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Infra;

/// <summary>
/// One publish of the server into a scratch folder, shared by a test class: <c>dotnet publish --no-build</c> of the build
/// these tests run against (same configuration), so it costs seconds and checks what a release would ship.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    /// <summary>The app folder.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "orchestrator-tests", "publish-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", Path.Combine(Repository.Server, "Orchestrator.Server.csproj"), "-c", configuration, "--no-build", "-o", Folder, "--nologo", "-nodeReuse:false" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed with {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

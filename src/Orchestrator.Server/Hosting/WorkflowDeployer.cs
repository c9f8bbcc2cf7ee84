using Orchestrator.Engine;

namespace Orchestrator.Server.Hosting;

/// <summary>Deploys every process, decision model and form in the workflows folder at start-up (unchanged ones keep their version).</summary>
public sealed partial class WorkflowDeployer(EngineHost host, ServerOptions options, ILogger<WorkflowDeployer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Folder(options);
        if (folder is null || !Directory.Exists(folder))
        {
            LogNoFolder(folder ?? "workflows");
            return;
        }

        var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase) ||
                f.EndsWith(".form", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            LogNothing(folder);
            return;
        }

        var resources = new List<DeploymentResource>();
        foreach (var file in files)
        {
            resources.Add(new DeploymentResource(Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)));
        }

        var deployment = await host.RunAsync(engine => engine.Deploy(resources)).ConfigureAwait(false);
        var decisions = deployment.DecisionRequirements.Sum(r => r.Decisions.Count);
        LogDeployed(deployment.Processes.Count, decisions, deployment.Forms.Count, folder);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The workflows folder: <c>Workflows:Path</c>, else a published build's shipped <c>workflows</c>, else the nearest
    /// <c>workflows</c> folder above the working directory (the repository's, run from the source tree).
    /// </summary>
    public static string? Folder(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.WorkflowsPath ?? ServerPaths.ShippedWorkflows ?? FindWorkflowsFolder();
    }

    private static string? FindWorkflowsFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "no workflows folder at {Folder}; nothing deployed at start-up")]
    private partial void LogNoFolder(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "no models in {Folder}")]
    private partial void LogNothing(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "deployed {Processes} processes, {Decisions} decisions and {Forms} forms from {Folder}")]
    private partial void LogDeployed(int processes, int decisions, int forms, string folder);
}

namespace Orchestrator.Connectors.Tests.Support;

/// <summary>The repository's folders, found from the test's output folder.</summary>
public static class Repository
{
    /// <summary>The repository root (the folder holding <c>Orchestrator.sln</c>).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped <c>workflows/</c> folder.</summary>
    public static string Workflows => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Orchestrator.sln above " + AppContext.BaseDirectory);
    }
}

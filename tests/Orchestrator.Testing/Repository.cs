namespace Orchestrator.Testing;

/// <summary>Where the repository's folders are, found from the test binaries by walking up to <c>Orchestrator.sln</c>.</summary>
public static class Repository
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped workflows (<c>workflows/</c>).</summary>
    public static string Workflows => Path.Combine(Root, "workflows");

    /// <summary>The server's project folder: its settings and the built web UI (<c>wwwroot</c>).</summary>
    public static string Server => Path.Combine(Root, "src", "Orchestrator.Server");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }
}

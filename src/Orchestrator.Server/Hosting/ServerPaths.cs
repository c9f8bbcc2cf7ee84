namespace Orchestrator.Server.Hosting;

/// <summary>
/// Where the server finds its own files and keeps its state. A published build is an app folder holding the settings
/// (<c>appsettings*.json</c>), the built web UI (<c>wwwroot</c>) and the shipped <c>workflows/</c>: it is the content
/// root wherever the server is started from, so a service manager or a container need not set a working directory for
/// it. Run from the source tree (<c>dotnet run</c>, tests), the build output holds no web UI and the working directory
/// (the project folder) stays the content root, as ASP.NET Core makes it. State — the default SQLite file and the log
/// files — is relative to the working directory either way, because the app folder may be read-only.
/// </summary>
public static class ServerPaths
{
    /// <summary>The folder of the server's assembly: a publish's app folder, or the build output.</summary>
    public static string AppFolder => AppContext.BaseDirectory;

    /// <summary>The shipped workflows of a published build (<c>workflows/</c> in the app folder); null when not there.</summary>
    public static string? ShippedWorkflows =>
        Path.Combine(AppFolder, "workflows") is var folder && Directory.Exists(folder) ? folder : null;

    /// <summary>The default database, <c>./data/orchestrator.db</c> under the working directory.</summary>
    public static string DefaultConnectionString => $"Data Source={Path.GetFullPath(Path.Combine("data", "orchestrator.db"))}";

    /// <summary>The default log folder, <c>./logs</c> under the working directory.</summary>
    public static string DefaultLogFolder => Path.GetFullPath("logs");

    /// <summary>The host's options: the app folder as content root when it holds the web UI and no content root was given.</summary>
    public static WebApplicationOptions HostOptions(string[] args)
    {
        // Read the way the host reads it, so an explicit --contentRoot or ASPNETCORE_CONTENTROOT (test hosts set one) wins.
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        var published = File.Exists(Path.Combine(AppFolder, "wwwroot", "index.html"));
        return new WebApplicationOptions { Args = args, ContentRootPath = given is null && published ? AppFolder : null };
    }
}

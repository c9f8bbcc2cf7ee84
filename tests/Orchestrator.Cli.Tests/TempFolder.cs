namespace Orchestrator.Cli.Tests;

/// <summary>A temporary folder a test writes models and catalogues into; deleted with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    /// <summary>The folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("validate-").FullName;

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> below the folder (creating its folders) and returns the file's path.</summary>
    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

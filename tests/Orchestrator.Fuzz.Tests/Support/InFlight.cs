using System.Text;

namespace Orchestrator.Fuzz.Tests.Support;

/// <summary>
/// The case each property is running, in a file beside the test binaries (<c>fuzz-in-flight/&lt;property&gt;.txt</c>):
/// a stack overflow ends the test process without a word about the input, so the file is what tells it.
/// </summary>
internal static class InFlight
{
    /// <summary>The folder of the files.</summary>
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "fuzz-in-flight")).FullName;

    // Generated text may hold lone surrogates, which the default encoder refuses; this one writes U+FFFD for them.
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string property, string seed, string text) => File.WriteAllText(PathOf(property), seed + Environment.NewLine + text, Encoding);

    public static void Clear(string property) => File.Delete(PathOf(property));

    private static string PathOf(string property) => Path.Combine(Folder, property + ".txt");
}

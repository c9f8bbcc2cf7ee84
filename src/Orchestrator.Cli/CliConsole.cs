using System.Text;

namespace Orchestrator.Cli;

/// <summary>
/// The streams a verb reads and writes. Verbs take this instead of <see cref="Console"/> so tests run
/// them in-process. Results go to <see cref="Out"/> as UTF-8 bytes (JSON is written straight into it);
/// diagnostics go to <see cref="Error"/>.
/// </summary>
internal sealed class CliConsole(TextReader input, Stream output, TextWriter error)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Standard input, output and error of this process.</summary>
    public static CliConsole Standard() =>
        new(new StreamReader(Console.OpenStandardInput(), Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), Console.OpenStandardOutput(), Console.Error);

    /// <summary>Standard input (what <c>-</c> names).</summary>
    public TextReader In { get; } = input;

    /// <summary>Standard output.</summary>
    public Stream Out { get; } = output;

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; } = error;
}

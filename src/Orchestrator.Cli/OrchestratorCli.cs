using System.CommandLine;
using System.Text;
using Orchestrator.Cli.Commands;

namespace Orchestrator.Cli;

/// <summary>The <c>orchestrator</c> command: the table of verbs, and how arguments are read.</summary>
internal static class OrchestratorCli
{
    // '@' starts FEEL temporal literals (@"P1D"), so an argument starting with it is never a response file.
    private static readonly ParserConfiguration Parser = new() { ResponseFileTokenReplacer = null };

    /// <summary>The root command with every verb.</summary>
    public static RootCommand CreateRoot(CliConsole console, TimeProvider clock)
    {
        // The model verbs print text; they share one UTF-8 writer over standard output.
        var text = new StreamWriter(console.Out, new UTF8Encoding(false), bufferSize: 4096, leaveOpen: true) { AutoFlush = true };
        return new RootCommand("orchestrator: the Aftersales Orchestrator's command line")
        {
            FeelCommand.Create(console, clock),
            DmnCommand.Batch(console, clock),
            DmnCommand.Decide(console, clock),
            ModelCommands.Validate(text),
            ModelCommands.Run(text),
            ModelCommands.Bench(text),
            ModelCommands.BenchHttp(text),
            ModelCommands.BenchMq(text),
            HashPasswordCommand.Create(console.In, text),
        };
    }

    /// <summary>Reads <paramref name="args"/> against the verbs, without running anything.</summary>
    public static ParseResult Parse(string[] args, CliConsole console, TimeProvider clock) => CreateRoot(console, clock).Parse(args, Parser);

    /// <summary>Parses <paramref name="args"/> and runs the verb they name.</summary>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliConsole console, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        await using var help = new StreamWriter(console.Out, new UTF8Encoding(false), bufferSize: 4096, leaveOpen: true);
        var invocation = new InvocationConfiguration { Output = help, Error = console.Error };
        return await Parse(args, console, clock).InvokeAsync(invocation, cancellationToken);
    }
}

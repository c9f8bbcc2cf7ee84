using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator dmn --batch</c> and <c>orchestrator decide</c>: evaluate decisions of DMN models.</summary>
internal static class DmnCommand
{
    public static Command Batch(CliConsole console, TimeProvider clock)
    {
        var batch = new Option<string>("--batch")
        {
            Description = "A JSON Lines file ('-' for standard input): {\"id\", \"models\": [paths], \"model\", \"decision\", \"context\", \"contextExpression\"} per line; one result line each.",
            Required = true,
        };
        var command = new Command("dmn", "Evaluate DMN decisions in a batch.") { batch };
        command.SetAction((parse, cancellationToken) =>
        {
            var runner = new DmnRunner(clock);
            return JsonLines.RunFileAsync(parse.GetValue(batch)!, console, reader => runner.RunBatchAsync(reader, console.Out, cancellationToken));
        });
        return command;
    }

    public static Command Decide(CliConsole console, TimeProvider clock)
    {
        var model = new Argument<string>("model") { Description = "The DMN file." };
        var decision = new Argument<string>("decision") { Description = "The decision (or decision service) name or id." };
        var context = new Option<string?>("--context") { Description = "The input data as a JSON object, e.g. '{\"Order value\": 120}'." };
        var imports = new Option<string[]>("--import") { Description = "Further DMN files the model imports.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("decide", "Evaluate one decision of a DMN model and print its value as JSON.") { model, decision, context, imports };
        command.SetAction(parse => new DmnRunner(clock).DecideOne(
            [parse.GetValue(model)!, .. parse.GetValue(imports) ?? []], parse.GetValue(decision)!, parse.GetValue(context), console.Out, console.Error));
        return command;
    }
}

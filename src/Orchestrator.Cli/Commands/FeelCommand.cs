using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator feel</c>: evaluates one FEEL expression, or a JSON Lines batch of them.</summary>
internal static class FeelCommand
{
    public static Command Create(CliConsole console, TimeProvider clock)
    {
        var expression = new Argument<string?>("expression")
        {
            Description = "The FEEL expression to evaluate (without a leading '=').",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var context = new Option<string?>("--context")
        {
            Description = "Variables as a JSON object, e.g. '{\"amount\": 120}'.",
        };
        var batch = new Option<string?>("--batch")
        {
            Description = "Evaluate a JSON Lines file ('-' for standard input); one result line per input line.",
        };

        var command = new Command("feel", "Evaluate FEEL expressions.") { expression, context, batch };
        command.Validators.Add(result =>
        {
            var hasExpression = result.GetValue(expression) is not null;
            var hasBatch = result.GetValue(batch) is not null;
            if (hasExpression == hasBatch)
            {
                result.AddError("give either an expression or --batch FILE, not both and not neither");
            }
            else if (hasBatch && result.GetValue(context) is not null)
            {
                result.AddError("--context goes with a single expression; in a batch each line carries its own context");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var evaluator = new FeelEvaluator(clock);
            if (parse.GetValue(batch) is not { } file)
            {
                return evaluator.EvaluateOne(parse.GetValue(expression)!, parse.GetValue(context), console.Out, console.Error);
            }

            return await JsonLines.RunFileAsync(file, console, reader => evaluator.RunBatchAsync(reader, console.Out, cancellationToken));
        });
        return command;
    }
}

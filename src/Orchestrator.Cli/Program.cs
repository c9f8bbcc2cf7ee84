using System.CommandLine;
using Orchestrator.Cli.Commands;

var root = new RootCommand("orchestrator: the Aftersales Orchestrator's command line")
{
    FeelCommand.Create(),
    ModelCommands.Validate(),
    ModelCommands.Run(),
    ModelCommands.Bench(),
};

return await root.Parse(args).InvokeAsync();

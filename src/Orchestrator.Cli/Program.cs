using System.CommandLine;
using Orchestrator.Cli.Commands;

var root = new RootCommand("orchestrator: the Aftersales Orchestrator's command line")
{
    FeelCommand.Create(),
};

return await root.Parse(args).InvokeAsync();

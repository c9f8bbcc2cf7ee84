using Orchestrator.Cli;

// The verbs are listed in OrchestratorCli.CreateRoot.
return await OrchestratorCli.RunAsync(args, CliConsole.Standard(), TimeProvider.System);

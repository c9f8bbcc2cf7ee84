namespace Orchestrator.Persistence.Store;

/// <summary>Something stored that start-up left out (a process instance is quarantined with everything of it), and why.</summary>
/// <param name="What">"process instance", "process definition", "subscription" or "message".</param>
/// <param name="Key">Its key.</param>
/// <param name="Reason">What went wrong reading it.</param>
public sealed record LoadProblem(string What, long Key, string Reason);

namespace Orchestrator.Persistence.Store;

/// <summary>
/// The database refused a value of a commit (an index entry too large, text it cannot hold): the commit was left out and nothing
/// of it is durable, the store reads what it wrote again (<see cref="DurableEngineStore.Recover"/>), and running the command again
/// would meet the same refusal. The message says what PostgreSQL refused.
/// </summary>
public sealed class CommitRefusedException(string message) : Exception(message);

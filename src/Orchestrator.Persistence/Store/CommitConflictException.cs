namespace Orchestrator.Persistence.Store;

/// <summary>
/// Another node sharing the database changed what a commit built on (an instance, a message's subscriptions, a message id)
/// before it was written: the commit was left out and nothing of it is durable. The store reads what changed again
/// (<see cref="DurableEngineStore.Recover"/>); run the command again.
/// </summary>
public sealed class CommitConflictException(string message) : Exception(message);

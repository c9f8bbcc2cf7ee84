namespace Orchestrator.Persistence.Store;

/// <summary>The database refused a batch of commits: the in-memory state is ahead of the database, so the store accepts nothing more until the process restarts and reloads.</summary>
public sealed class StoreFaultedException(string message, Exception? inner) : Exception(message, inner);

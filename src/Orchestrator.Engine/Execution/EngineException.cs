namespace Orchestrator.Engine.Execution;

/// <summary>A command the engine refuses: an unknown key, a record in the wrong state, invalid arguments.</summary>
public sealed class EngineException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EngineException(EngineError error, string message)
        : base(message) => Error = error;

    /// <summary>Why.</summary>
    public EngineError Error { get; }
}

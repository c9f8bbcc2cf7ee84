namespace Orchestrator.Engine.Execution;

/// <summary>Why a command was refused; the server maps these to HTTP problem codes.</summary>
public enum EngineError
{
    /// <summary>No such process, instance, job, task or incident (<c>NOT_FOUND</c>).</summary>
    NotFound,

    /// <summary>The arguments are wrong (<c>INVALID_ARGUMENT</c>).</summary>
    InvalidArgument,

    /// <summary>The record is not in a state that allows this (<c>INVALID_STATE</c> / <c>CONFLICT</c>).</summary>
    InvalidState,

    /// <summary>The caller may not do this to the record (<c>FORBIDDEN</c>).</summary>
    Forbidden,

    /// <summary>A value is larger than the engine stores (413 <c>PAYLOAD_TOO_LARGE</c>); too deep a value is <see cref="InvalidArgument"/>.</summary>
    TooLarge,
}

using Orchestrator.Feel.Values;

namespace Orchestrator.Workers;

/// <summary>A business failure a handler reports as a BPMN error code, for an error boundary or event subprocess to catch.</summary>
public sealed class BpmnErrorException(string errorCode, string message, IReadOnlyDictionary<string, FeelValue>? variables = null) : Exception(message)
{
    /// <summary>The error code, e.g. <c>OUT_OF_STOCK</c>.</summary>
    public string ErrorCode { get; } = errorCode;

    /// <summary>Variables to set with the error.</summary>
    public IReadOnlyDictionary<string, FeelValue>? Variables { get; } = variables;
}

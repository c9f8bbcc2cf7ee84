namespace Orchestrator.Connectors.Common;

/// <summary>
/// A call that failed in a way retrying may fix (5xx, 429 or a timeout after the resilience handler gave up,
/// an authentication failure, an answer that could not be read). The worker fails the job with one retry less.
/// It never carries the HTTP request, whose headers hold the API key.
/// </summary>
public sealed class ConnectorException : Exception
{
    /// <summary>Creates an exception without a message.</summary>
    public ConnectorException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ConnectorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public ConnectorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

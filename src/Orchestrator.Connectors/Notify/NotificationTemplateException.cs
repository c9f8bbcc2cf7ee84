namespace Orchestrator.Connectors.Notify;

/// <summary>
/// A message of the catalogue that cannot be rendered: its file does not parse, or a placeholder fails. Nothing is sent;
/// the worker fails the job, so after its retries an incident names the template, the language and the placeholder.
/// Fixing the file is enough: the catalogue is read again when it changes, and retrying the incident sends the message.
/// </summary>
public sealed class NotificationTemplateException : Exception
{
    /// <summary>Creates an exception without a message.</summary>
    public NotificationTemplateException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public NotificationTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public NotificationTemplateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

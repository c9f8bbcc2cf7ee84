namespace Orchestrator.Engine.State;

/// <summary>The lifecycle of a user task.</summary>
public enum UserTaskState
{
    /// <summary>Open.</summary>
    Created,

    /// <summary>Done.</summary>
    Completed,

    /// <summary>Its element was terminated.</summary>
    Canceled,

    /// <summary>Its creating task listeners run; open once they are done.</summary>
    Creating,

    /// <summary>Its assigning task listeners run; the assignment takes effect once they are done (or is denied).</summary>
    Assigning,

    /// <summary>Its updating task listeners run; the changes take effect once they are done (or are denied).</summary>
    Updating,

    /// <summary>Its completing task listeners run; it completes once they are done (or the completion is denied).</summary>
    Completing,

    /// <summary>Its element is being terminated and its canceling task listeners run; canceled once they are done.</summary>
    Canceling,
}

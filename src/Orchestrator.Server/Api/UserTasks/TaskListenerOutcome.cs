using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine;
using Orchestrator.Engine.State;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Server.Api.UserTasks;

/// <summary>
/// Holds the answer to a request that started a user task change with task listeners (assign, update, complete), as Camunda
/// does: 204 once the last listener is done and the change took effect, 409 when a listener denied it (with its reason) or the
/// task was canceled meanwhile, 504 when the listeners take longer than <see cref="Timeout"/>. It reads the instance's stored
/// history (the first decision after the change started), so it hears of listeners completed on any node.
/// </summary>
internal static class TaskListenerOutcome
{
    /// <summary>How long a request waits for the listeners.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(50);

    private static readonly RecordIntent[] Decisions =
    [
        RecordIntent.Assigned, RecordIntent.Unassigned, RecordIntent.Updated, RecordIntent.Completed, RecordIntent.Canceled,
        RecordIntent.AssignmentDenied, RecordIntent.UpdateDenied, RecordIntent.CompletionDenied,
    ];

    /// <param name="change">What the command did: a transitional state means listeners decide, from <see cref="UserTaskChange.Since"/> on.</param>
    /// <param name="denied">How Camunda names the change in a denial, e.g. <c>Completion of the User Task with key '1'</c>.</param>
    /// <param name="database">The database.</param>
    /// <param name="ct">The request's cancellation.</param>
    public static async Task AwaitAsync(UserTaskChange change, string denied, OrchestratorDatabase database, CancellationToken ct)
    {
        var (taskKey, processInstanceKey) = (change.TaskKey, change.ProcessInstanceKey);
        if (change.State is not (UserTaskState.Assigning or UserTaskState.Updating or UserTaskState.Completing))
        {
            return;
        }

        // The first decision about the task after this change started is this change's outcome, whatever came after it.
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(Recheck, ct).ConfigureAwait(false);
            await using var db = database.CreateContext();
            var decided = (await HistoryBlocks.ReadAfterAsync(db, processInstanceKey, change.Since, ct).ConfigureAwait(false))
                .FirstOrDefault(h => h.Key == taskKey && h.ValueType == RecordValueType.UserTask && Decisions.Contains(h.Intent));
            switch (decided?.Intent)
            {
                case null:
                    continue;
                case RecordIntent.Canceled:
                    throw ApiException.Conflict($"user task {taskKey} was canceled while its task listeners ran");
                case RecordIntent.AssignmentDenied or RecordIntent.UpdateDenied or RecordIntent.CompletionDenied:
                    throw new ApiException(StatusCodes.Status409Conflict, "INVALID_STATE",
                        $"{denied} was denied by Task Listener. Reason to deny: '{decided.Detail}'");
                default:
                    return;
            }
        }

        throw new ApiException(StatusCodes.Status504GatewayTimeout, "DEADLINE_EXCEEDED",
            $"the task listeners of user task {taskKey} did not decide within {Timeout.TotalSeconds:0} s; the change goes on once they do");
    }
}

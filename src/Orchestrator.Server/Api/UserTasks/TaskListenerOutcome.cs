using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.State;
using Orchestrator.Persistence;

namespace Orchestrator.Server.Api.UserTasks;

/// <summary>
/// Holds the answer to a request that started a user task change with task listeners (assign, update, complete), as Camunda
/// does: 204 once the last listener is done and the change took effect, 409 when a listener denied it (with its reason) or the
/// task was canceled meanwhile, 504 when the listeners take longer than <see cref="Timeout"/>. It reads the stored task and its
/// history, so it hears of listeners completed on any node.
/// </summary>
internal static class TaskListenerOutcome
{
    /// <summary>How long a request waits for the listeners.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(50);

    /// <param name="state">The task's state right after the command: a transitional one means listeners run.</param>
    /// <param name="taskKey">The task.</param>
    /// <param name="processInstanceKey">Its instance (its history is kept by instance).</param>
    /// <param name="change">Camunda's word for the change in a denial: <c>Assignment</c>, <c>Update</c> or <c>Completion</c>.</param>
    /// <param name="database">The database.</param>
    /// <param name="ct">The request's cancellation.</param>
    public static async Task AwaitAsync(UserTaskState state, long taskKey, long processInstanceKey, string change, OrchestratorDatabase database, CancellationToken ct)
    {
        if (state is not (UserTaskState.Assigning or UserTaskState.Updating or UserTaskState.Completing))
        {
            return;
        }

        var transitional = state.ToString().ToUpperInvariant();
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(Recheck, ct).ConfigureAwait(false);
            await using var db = database.CreateContext();
            var now = await db.UserTasks.AsNoTracking().Where(t => t.Key == taskKey).Select(t => t.State).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (now == transitional)
            {
                continue;
            }

            if (now == "CANCELED")
            {
                throw ApiException.Conflict($"user task {taskKey} was canceled while its task listeners ran");
            }

            var last = await db.History.AsNoTracking()
                .Where(h => h.ProcessInstanceKey == processInstanceKey && h.Key == taskKey && h.ValueType == "USER_TASK")
                .OrderByDescending(h => h.Position).Select(h => new { h.Intent, h.Detail }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (last is { Intent: "ASSIGNMENT_DENIED" or "UPDATE_DENIED" or "COMPLETION_DENIED" })
            {
                throw new ApiException(StatusCodes.Status409Conflict, "INVALID_STATE",
                    $"{change} of the User Task with key '{taskKey}' was denied by Task Listener. Reason to deny: '{last.Detail}'");
            }

            return;
        }

        throw new ApiException(StatusCodes.Status504GatewayTimeout, "DEADLINE_EXCEEDED",
            $"the task listeners of user task {taskKey} did not decide within {Timeout.TotalSeconds:0} s; the change goes on once they do");
    }
}

using Orchestrator.Engine.State;

namespace Orchestrator.Engine;

/// <summary>What a user task command did: the task's state afterwards and, when task listeners now decide the change, where in the instance's history they started.</summary>
/// <param name="State">The task's state after the command: <see cref="UserTaskState.Assigning"/>, <see cref="UserTaskState.Updating"/> or <see cref="UserTaskState.Completing"/> while listeners decide.</param>
/// <param name="Since">The history position of the change's ASSIGNING, UPDATING or COMPLETING record (its outcome is the first decision for the task after it); 0 when decided at once.</param>
/// <param name="TaskKey">The user task.</param>
/// <param name="ProcessInstanceKey">Its process instance (where its history is).</param>
public readonly record struct UserTaskChange(UserTaskState State, long Since, long TaskKey, long ProcessInstanceKey);

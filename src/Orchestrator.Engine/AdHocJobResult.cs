namespace Orchestrator.Engine;

/// <summary>
/// What a job worker deciding an ad-hoc subprocess answers (Camunda's <c>adHocSubProcess</c> job result): elements to
/// activate, or that the subprocess is done — not both.
/// </summary>
/// <param name="ActivateElements">The inner elements to activate, each with its local variables.</param>
/// <param name="CompletionConditionFulfilled">True: the subprocess is done.</param>
/// <param name="CancelRemainingInstances">With <paramref name="CompletionConditionFulfilled"/>: terminate what still runs inside (else wait for it).</param>
public sealed record AdHocJobResult(IReadOnlyList<AdHocActivation> ActivateElements, bool CompletionConditionFulfilled, bool CancelRemainingInstances);

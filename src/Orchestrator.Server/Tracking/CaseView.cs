using System.Text.Json.Serialization;

namespace Orchestrator.Server.Tracking;

/// <summary>What <c>GET /api/track/{token}</c> answers: a case as its customer may see it, and nothing internal.</summary>
/// <param name="CaseType">The kind of case (the process's <c>tracking.caseType</c>), e.g. <c>return</c>.</param>
/// <param name="Title">The page's title in <paramref name="Language"/>.</param>
/// <param name="Reference">The reference the customer knows (e.g. the order number), if the process declares one.</param>
/// <param name="Status">
/// <c>in-progress</c>, <c>completed</c> (also once every step shown is done and none is to come, while the process still
/// waits for something no step shows) or <c>cancelled</c>.
/// </param>
/// <param name="Language">The language of the labels.</param>
/// <param name="Steps">The steps: done, current, then pending.</param>
/// <param name="Eta">When the case is expected to be done, while it is in progress and if the process declares it.</param>
/// <param name="Refund">The refund the customer gets, if any.</param>
/// <param name="UpdatedAt">When the case last moved.</param>
public sealed record CaseView(
    string CaseType,
    string Title,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reference,
    string Status,
    string Language,
    IReadOnlyList<StepView> Steps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Eta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RefundView? Refund,
    DateTimeOffset UpdatedAt);

/// <summary>A step of a case.</summary>
/// <param name="Key">The step's key.</param>
/// <param name="Label">Its label.</param>
/// <param name="State"><c>done</c>, <c>current</c> or <c>pending</c>.</param>
/// <param name="At">When it was done or entered; absent while pending.</param>
public sealed record StepView(string Key, string Label, string State, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? At);

/// <summary>The refund a customer gets.</summary>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">Its currency, if known.</param>
public sealed record RefundView(decimal Amount, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Currency);

namespace Orchestrator.Engine;

/// <summary>A value past one of the <see cref="VariableLimits"/>: too big (<paramref name="TooLarge"/>) or too deep, and why, naming it.</summary>
public sealed record LimitViolation(bool TooLarge, string Message);

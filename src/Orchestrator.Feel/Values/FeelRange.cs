namespace Orchestrator.Feel.Values;

/// <summary>
/// FEEL <c>range</c>, e.g. <c>[1..10)</c>, or an open-ended one from a unary comparison such as
/// <c>&gt;= 5</c> (then <see cref="Start"/> or <see cref="End"/> is FEEL null).
/// </summary>
public sealed class FeelRange : FeelValue
{
    /// <summary>Creates a range.</summary>
    public FeelRange(FeelValue start, bool startIncluded, FeelValue end, bool endIncluded)
    {
        Start = start;
        StartIncluded = startIncluded;
        End = end;
        EndIncluded = endIncluded;
    }

    /// <summary>The lower end point; FEEL null when unbounded below.</summary>
    public FeelValue Start { get; }

    /// <summary>True when <see cref="Start"/> itself belongs to the range.</summary>
    public bool StartIncluded { get; }

    /// <summary>The upper end point; FEEL null when unbounded above.</summary>
    public FeelValue End { get; }

    /// <summary>True when <see cref="End"/> itself belongs to the range.</summary>
    public bool EndIncluded { get; }

    /// <inheritdoc />
    public override string TypeName => "range";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) =>
        other is FeelRange r && r.StartIncluded == StartIncluded && r.EndIncluded == EndIncluded && r.Start.Equals(Start) && r.End.Equals(End);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, StartIncluded, End, EndIncluded);

    /// <summary>Renders as <c>[1..10)</c>.</summary>
    public override string ToString() =>
        (StartIncluded ? "[" : "(") + FeelContext.Render(Start) + ".." + FeelContext.Render(End) + (EndIncluded ? "]" : ")");
}

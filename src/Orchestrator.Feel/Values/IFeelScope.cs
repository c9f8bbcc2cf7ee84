using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Values;

/// <summary>
/// Where an expression looks up the variables it names. Implemented by <see cref="FeelContext"/>;
/// hosts implement it over their own variable storage so values convert only when read.
/// </summary>
public interface IFeelScope
{
    /// <summary>Looks a variable up by its full name (names may contain spaces).</summary>
    bool TryGetVariable(string name, [MaybeNullWhen(false)] out FeelValue value);
}

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// One token: its kind, where it is in the source (<see cref="Start"/> inclusive, <see cref="End"/>
/// exclusive), the name or unescaped string text, and the value of a number or temporal literal.
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string? Text = null, decimal Number = 0, bool Quoted = false)
{
    /// <summary>True for an unquoted name spelled <paramref name="keyword"/>.</summary>
    public bool Is(string keyword) => Kind == TokenKind.Name && !Quoted && string.Equals(Text, keyword, StringComparison.Ordinal);
}

namespace Orchestrator.Feel.Syntax;

/// <summary>A syntax error inside the lexer or parser, at a character offset; the engine turns it into a <see cref="FeelSyntaxError"/>.</summary>
internal sealed class FeelParseException : Exception
{
    public FeelParseException()
    {
    }

    public FeelParseException(string message)
        : base(message)
    {
    }

    public FeelParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FeelParseException(string message, int position)
        : base(message) => Position = position;

    /// <summary>The 0-based character offset of the problem.</summary>
    public int Position { get; }
}

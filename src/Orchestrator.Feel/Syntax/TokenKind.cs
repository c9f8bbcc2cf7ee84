namespace Orchestrator.Feel.Syntax;

/// <summary>The kinds of token the FEEL lexer produces. Keywords are <see cref="Name"/> tokens the parser recognises by text.</summary>
internal enum TokenKind
{
    End,
    Number,
    String,
    Temporal,
    Name,
    Plus,
    Minus,
    Star,
    StarStar,
    Slash,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Comma,
    Colon,
    Dot,
    DotDot,
    Question,
}

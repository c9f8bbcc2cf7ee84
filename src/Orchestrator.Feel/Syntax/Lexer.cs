using System.Globalization;
using System.Text;

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// Splits FEEL text into tokens in one pass over the string, skipping whitespace and comments.
/// Names are single words here (letters, digits, <c>_</c>, <c>$</c>, and <c>'</c> after the first
/// character); the parser joins words into names with spaces.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>(Math.Max(4, source.Length / 3));
        var i = 0;
        while (true)
        {
            i = SkipTrivia(source, i);
            if (i >= source.Length)
            {
                tokens.Add(new Token(TokenKind.End, source.Length, source.Length));
                return tokens;
            }

            var c = source[i];
            var start = i;
            switch (c)
            {
                case '"':
                    i = ReadString(source, i, out var text);
                    tokens.Add(new Token(TokenKind.String, start, i, text));
                    continue;
                case '@':
                    if (i + 1 >= source.Length || source[i + 1] != '"')
                    {
                        throw new FeelParseException("expected a string after '@'", i);
                    }

                    i = ReadString(source, i + 1, out var literal);
                    tokens.Add(new Token(TokenKind.Temporal, start, i, literal));
                    continue;
                case '`':
                    var close = source.IndexOf('`', i + 1);
                    if (close < 0)
                    {
                        throw new FeelParseException("unterminated `name`", i);
                    }

                    if (close == i + 1)
                    {
                        throw new FeelParseException("empty `name`", i);
                    }

                    i = close + 1;
                    tokens.Add(new Token(TokenKind.Name, start, i, source[(start + 1)..close], Quoted: true));
                    continue;
                case '+': tokens.Add(Simple(TokenKind.Plus, ref i, 1)); continue;
                case '-': tokens.Add(Simple(TokenKind.Minus, ref i, 1)); continue;
                case '/': tokens.Add(Simple(TokenKind.Slash, ref i, 1)); continue;
                case '*':
                    tokens.Add(Next(source, i) == '*' ? Simple(TokenKind.StarStar, ref i, 2) : Simple(TokenKind.Star, ref i, 1));
                    continue;
                case '=': tokens.Add(Simple(TokenKind.Equal, ref i, 1)); continue;
                case '!':
                    if (Next(source, i) != '=')
                    {
                        throw new FeelParseException("expected '!=' but found '!'", i);
                    }

                    tokens.Add(Simple(TokenKind.NotEqual, ref i, 2));
                    continue;
                case '<':
                    tokens.Add(Next(source, i) == '=' ? Simple(TokenKind.LessEqual, ref i, 2) : Simple(TokenKind.Less, ref i, 1));
                    continue;
                case '>':
                    tokens.Add(Next(source, i) == '=' ? Simple(TokenKind.GreaterEqual, ref i, 2) : Simple(TokenKind.Greater, ref i, 1));
                    continue;
                case '(': tokens.Add(Simple(TokenKind.LeftParen, ref i, 1)); continue;
                case ')': tokens.Add(Simple(TokenKind.RightParen, ref i, 1)); continue;
                case '[': tokens.Add(Simple(TokenKind.LeftBracket, ref i, 1)); continue;
                case ']': tokens.Add(Simple(TokenKind.RightBracket, ref i, 1)); continue;
                case '{': tokens.Add(Simple(TokenKind.LeftBrace, ref i, 1)); continue;
                case '}': tokens.Add(Simple(TokenKind.RightBrace, ref i, 1)); continue;
                case ',': tokens.Add(Simple(TokenKind.Comma, ref i, 1)); continue;
                case ':': tokens.Add(Simple(TokenKind.Colon, ref i, 1)); continue;
                case '?': tokens.Add(Simple(TokenKind.Question, ref i, 1)); continue;
                case '.':
                    if (Next(source, i) == '.')
                    {
                        tokens.Add(Simple(TokenKind.DotDot, ref i, 2));
                    }
                    else if (char.IsAsciiDigit(Next(source, i)))
                    {
                        i = ReadNumber(source, i, out var fraction);
                        tokens.Add(new Token(TokenKind.Number, start, i, Number: fraction));
                    }
                    else
                    {
                        tokens.Add(Simple(TokenKind.Dot, ref i, 1));
                    }

                    continue;
                default:
                    break;
            }

            if (char.IsAsciiDigit(c))
            {
                i = ReadNumber(source, i, out var number);
                tokens.Add(new Token(TokenKind.Number, start, i, Number: number));
            }
            else if (IsNameStart(c))
            {
                i++;
                while (i < source.Length && IsNamePart(source[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, start, i, source[start..i]));
            }
            else
            {
                throw new FeelParseException($"unexpected character '{Describe(c)}'", i);
            }
        }
    }

    public static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '$' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.LetterNumber;

    public static bool IsNamePart(char c) => IsNameStart(c) || char.IsDigit(c) || c == '\'' ||
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    private static Token Simple(TokenKind kind, ref int i, int length)
    {
        var token = new Token(kind, i, i + length);
        i += length;
        return token;
    }

    private static char Next(string source, int i) => i + 1 < source.Length ? source[i + 1] : '\0';

    private static string Describe(char c) => char.IsControl(c) ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();

    private static int SkipTrivia(string source, int i)
    {
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '/' && Next(source, i) == '/')
            {
                var end = source.IndexOfAny(['\n', '\r'], i);
                i = end < 0 ? source.Length : end;
            }
            else if (c == '/' && Next(source, i) == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FeelParseException("unterminated comment '/*'", i);
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int ReadNumber(string source, int start, out decimal value)
    {
        var i = start;
        while (i < source.Length && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        if (i + 1 < source.Length && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
        {
            i++;
            while (i < source.Length && char.IsAsciiDigit(source[i]))
            {
                i++;
            }
        }

        if (i < source.Length && (source[i] == 'e' || source[i] == 'E'))
        {
            var j = i + 1;
            if (j < source.Length && (source[j] == '+' || source[j] == '-'))
            {
                j++;
            }

            if (j < source.Length && char.IsAsciiDigit(source[j]))
            {
                while (j < source.Length && char.IsAsciiDigit(source[j]))
                {
                    j++;
                }

                i = j;
            }
        }

        var span = source.AsSpan(start, i - start);
        if (!decimal.TryParse(span, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            // Exponents beyond decimal's range: tiny numbers round to zero, huge ones do not fit.
            if (IsTiny(span))
            {
                value = 0;
            }
            else
            {
                throw new FeelParseException($"number '{Shorten(span.ToString())}' is out of range", start);
            }
        }

        return i;
    }

    private static bool IsTiny(ReadOnlySpan<char> number)
    {
        var e = number.IndexOfAny('e', 'E');
        return e >= 0 && e + 1 < number.Length && number[e + 1] == '-';
    }

    internal static string Shorten(string text) => text.Length <= 30 ? text : text[..27] + "...";

    private static int ReadString(string source, int quote, out string value)
    {
        var i = quote + 1;
        StringBuilder? sb = null;
        var runStart = i;
        while (true)
        {
            if (i >= source.Length)
            {
                throw new FeelParseException("unterminated string", quote);
            }

            var c = source[i];
            if (c == '"')
            {
                if (sb is null)
                {
                    value = source[runStart..i];
                }
                else
                {
                    sb.Append(source, runStart, i - runStart);
                    value = sb.ToString();
                }

                return i + 1;
            }

            if (c != '\\')
            {
                i++;
                continue;
            }

            sb ??= new StringBuilder();
            sb.Append(source, runStart, i - runStart);
            i = ReadEscape(source, i, sb);
            runStart = i;
        }
    }

    private static int ReadEscape(string source, int backslash, StringBuilder sb)
    {
        var i = backslash + 1;
        if (i >= source.Length)
        {
            throw new FeelParseException("unterminated string", backslash);
        }

        var c = source[i];
        switch (c)
        {
            case '"': sb.Append('"'); return i + 1;
            case '\'': sb.Append('\''); return i + 1;
            case '\\': sb.Append('\\'); return i + 1;
            case 'n': sb.Append('\n'); return i + 1;
            case 'r': sb.Append('\r'); return i + 1;
            case 't': sb.Append('\t'); return i + 1;
            case 'b': sb.Append('\b'); return i + 1;
            case 'f': sb.Append('\f'); return i + 1;
            case '/': sb.Append('/'); return i + 1;
            case 'u':
                if (!TryHex(source, i + 1, 4, out var unit))
                {
                    throw new FeelParseException("expected 4 hex digits after '\\u'", backslash);
                }

                sb.Append((char)unit);
                return i + 5;
            case 'U':
                // DMN's form is six digits (\U01F40E); eight (\U0001F40E) only when that still names a code point,
                // so "\U01F40Eab" is the horse followed by "ab".
                var length = TryHex(source, i + 1, 8, out var codePoint) && codePoint <= 0x10FFFF ? 8 : TryHex(source, i + 1, 6, out codePoint) ? 6 : 0;
                if (length == 0)
                {
                    throw new FeelParseException("expected 6 or 8 hex digits after '\\U'", backslash);
                }

                if (codePoint is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
                {
                    throw new FeelParseException("'\\U' escape is not a Unicode code point", backslash);
                }

                sb.Append(char.ConvertFromUtf32(codePoint));
                return i + 1 + length;
            default:
                // Unknown escapes keep the backslash, as feel-scala does for regular-expression patterns like "\d".
                sb.Append('\\');
                return i;
        }
    }

    private static bool TryHex(string source, int start, int count, out int value)
    {
        value = 0;
        if (start + count > source.Length)
        {
            return false;
        }

        for (var k = 0; k < count; k++)
        {
            var digit = HexValue(source[start + k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value * 16) + digit;
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

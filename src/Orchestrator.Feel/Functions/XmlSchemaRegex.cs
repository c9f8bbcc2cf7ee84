using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// A regular expression with the semantics DMN prescribes for <c>matches</c>, <c>replace</c>,
/// <c>split</c> and <c>extract</c>: XML Schema syntax with the XPath 3.1 additions (<c>^</c>,
/// <c>$</c>, reluctant quantifiers, back-references, <c>(?:</c>) and flags <c>s m i x q</c>,
/// translated to a .NET <see cref="Regex"/>. Characters are Unicode code points, so <c>.</c> and
/// negated classes take a surrogate pair as one character. Compiled patterns are cached.
/// </summary>
internal sealed class XmlSchemaRegex
{
    /// <summary>How long one match may run before it is abandoned (a catastrophic pattern must not hang an evaluation).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const int CacheCapacity = 256;

    private static readonly ConcurrentDictionary<(string Pattern, string Flags), XmlSchemaRegex> Cache = new();

    private readonly Regex _bmp;
    private readonly Lazy<Regex> _full;

    private XmlSchemaRegex(Regex bmp, Lazy<Regex> full, bool literal)
    {
        _bmp = bmp;
        _full = full;
        Literal = literal;
    }

    /// <summary>True for the <c>q</c> flag: the pattern and the replacement are taken literally.</summary>
    public bool Literal { get; }

    /// <summary>The number of capturing groups.</summary>
    public int GroupCount => _bmp.GetGroupNumbers().Length - 1;

    /// <summary>
    /// The compiled regex for this input. Input without surrogates gets the simpler translation
    /// (plain <c>.</c> and <c>[^...]</c>), which .NET runs faster.
    /// </summary>
    public Regex For(string input) => input.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? _full.Value : _bmp;

    /// <summary>Compiles (or takes from the cache) a pattern with flags; false with a reason when either is invalid.</summary>
    public static bool TryCreate(string pattern, string flags, [NotNullWhen(true)] out XmlSchemaRegex? regex, [NotNullWhen(false)] out string? error)
    {
        if (Cache.TryGetValue((pattern, flags), out regex))
        {
            error = null;
            return true;
        }

        regex = null;
        foreach (var flag in flags)
        {
            if (flag is not ('s' or 'm' or 'i' or 'x' or 'q'))
            {
                error = $"invalid regular expression flag '{flag}' (allowed: s, m, i, x, q)";
                return false;
            }
        }

        var literal = flags.Contains('q', StringComparison.Ordinal);
        var options = RegexOptions.CultureInvariant;
        if (flags.Contains('i', StringComparison.Ordinal))
        {
            options |= RegexOptions.IgnoreCase;
        }

        if (!literal && flags.Contains('m', StringComparison.Ordinal))
        {
            options |= RegexOptions.Multiline;
        }

        string bmpPattern;
        string fullPattern;
        try
        {
            var codePoints = ToCodePoints(pattern);
            if (literal)
            {
                bmpPattern = fullPattern = Translator.Literal(codePoints);
            }
            else
            {
                if (flags.Contains('x', StringComparison.Ordinal))
                {
                    codePoints = RemoveWhitespace(codePoints);
                }

                var dotAll = flags.Contains('s', StringComparison.Ordinal);
                var multiLine = flags.Contains('m', StringComparison.Ordinal);
                bmpPattern = new Translator(codePoints, dotAll, multiLine, surrogates: false).Run();
                fullPattern = new Translator(codePoints, dotAll, multiLine, surrogates: true).Run();
            }

            var bmp = new Regex(bmpPattern, options, MatchTimeout);
            var full = fullPattern == bmpPattern
                ? new Lazy<Regex>(bmp)
                : new Lazy<Regex>(() => new Regex(fullPattern, options, MatchTimeout), LazyThreadSafetyMode.PublicationOnly);
            regex = new XmlSchemaRegex(bmp, full, literal);
        }
        catch (FormatException ex)
        {
            error = $"invalid regular expression '{pattern}': {ex.Message}";
            return false;
        }
        catch (ArgumentException ex)
        {
            // What the translation passes through unchecked (an unknown block name) .NET still rejects.
            error = $"invalid regular expression '{pattern}': {ex.Message}";
            return false;
        }

        if (Cache.Count >= CacheCapacity)
        {
            Cache.Clear();
        }

        Cache.TryAdd((pattern, flags), regex);
        error = null;
        return true;
    }

    /// <summary>
    /// Translates an XPath replacement string (<c>$N</c> for a group, <c>\$</c> and <c>\\</c> for the
    /// characters themselves) into .NET's syntax; false with a reason when it is malformed (err:FORX0004).
    /// </summary>
    public bool TryTranslateReplacement(string replacement, [NotNullWhen(true)] out string? translated, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (Literal)
        {
            translated = replacement.Replace("$", "$$", StringComparison.Ordinal);
            return true;
        }

        var groups = GroupCount;
        var sb = new StringBuilder(replacement.Length + 8);
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\')
            {
                if (i + 1 < replacement.Length && replacement[i + 1] is '\\' or '$')
                {
                    sb.Append(replacement[i + 1] == '$' ? "$$" : "\\");
                    i++;
                    continue;
                }

                translated = null;
                error = $"invalid replacement '{replacement}': '\\' must be followed by '\\' or '$'";
                return false;
            }

            if (c == '$')
            {
                if (i + 1 >= replacement.Length || !char.IsAsciiDigit(replacement[i + 1]))
                {
                    translated = null;
                    error = $"invalid replacement '{replacement}': '$' must be followed by a group number (write '\\$' for a '$')";
                    return false;
                }

                // The group number takes as many digits as still name an existing group; later digits are literal.
                var group = replacement[++i] - '0';
                while (i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]) && (group * 10) + (replacement[i + 1] - '0') <= groups)
                {
                    group = (group * 10) + (replacement[++i] - '0');
                }

                if (group <= groups)
                {
                    sb.Append("${").Append(group.ToString(CultureInfo.InvariantCulture)).Append('}');
                }

                continue;
            }

            sb.Append(c);
        }

        translated = sb.ToString();
        return true;
    }

    private static int[] ToCodePoints(string text)
    {
        var result = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                result.Add(text[i]);
            }
        }

        return [.. result];
    }

    /// <summary>The <c>x</c> flag: whitespace goes, except inside character class expressions.</summary>
    private static int[] RemoveWhitespace(int[] pattern)
    {
        var result = new List<int>(pattern.Length);
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Add(c);
                result.Add(pattern[++i]);
                continue;
            }

            if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && c is ' ' or '\t' or '\n' or '\r')
            {
                continue;
            }

            result.Add(c);
        }

        return [.. result];
    }

    /// <summary>A recursive-descent translation of one pattern; throws <see cref="FormatException"/> on what XML Schema forbids.</summary>
    private sealed class Translator(int[] pattern, bool dotAll, bool multiLine, bool surrogates)
    {
        private const string SurrogatePair = "[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]";
        private const int MaxCodePoint = 0x10FFFF;
        private const int MaxNesting = 100;

        // Every general category except Cs: a union of some of them stands for a complement.
        private static readonly string[] LeafCategories =
        [
            "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
            "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn",
        ];

        private static readonly (int Lo, int Hi)[] Whitespace = [(0x9, 0xA), (0xD, 0xD), (0x20, 0x20)];

        // XML 1.0 fifth edition NameStartChar and NameChar, which \i and \c stand for.
        private static readonly (int Lo, int Hi)[] NameStart =
        [
            (':', ':'), ('A', 'Z'), ('_', '_'), ('a', 'z'), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D),
            (0x37F, 0x1FFF), (0x200C, 0x200D), (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF),
            (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF),
        ];

        private static readonly (int Lo, int Hi)[] NameChar =
            [.. NameStart, ('-', '.'), ('0', '9'), (0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040)];

        private readonly StringBuilder _out = new();
        private readonly List<bool> _closedGroups = [true];
        private int _pos;
        private int _depth;

        private bool More => _pos < pattern.Length;

        private int Peek => pattern[_pos];

        public static string Literal(int[] codePoints)
        {
            var sb = new StringBuilder();
            foreach (var c in codePoints)
            {
                AppendLiteral(sb, c);
            }

            return sb.ToString();
        }

        public string Run()
        {
            ParseRegExp();
            if (More)
            {
                throw new FormatException("unmatched ')'");
            }

            return _out.ToString();
        }

        private static void AppendLiteral(StringBuilder sb, int c)
        {
            if (c > 0xFFFF)
            {
                // Grouped, so that a quantifier repeats the whole pair.
                sb.Append("(?:");
                AppendUnit(sb, c);
                sb.Append(')');
            }
            else
            {
                AppendUnit(sb, c);
            }
        }

        private static void AppendUnit(StringBuilder sb, int c)
        {
            if (c > 0xFFFF)
            {
                var s = char.ConvertFromUtf32(c);
                AppendUnit(sb, s[0]);
                AppendUnit(sb, s[1]);
            }
            else if (char.IsAsciiLetterOrDigit((char)c))
            {
                sb.Append((char)c);
            }
            else
            {
                sb.Append("\\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        private static string Unit(int c)
        {
            var sb = new StringBuilder(6);
            AppendUnit(sb, c);
            return sb.ToString();
        }

        private static List<(int Lo, int Hi)> Complement(IEnumerable<(int Lo, int Hi)> ranges)
        {
            var result = new List<(int Lo, int Hi)>();
            var next = 0;
            foreach (var (lo, hi) in ranges.Append<(int Lo, int Hi)>((0xD800, 0xDFFF)).OrderBy(r => r.Lo))
            {
                if (lo > next)
                {
                    result.Add((next, lo - 1));
                }

                next = Math.Max(next, hi + 1);
            }

            if (next <= MaxCodePoint)
            {
                result.Add((next, MaxCodePoint));
            }

            return result;
        }

        /// <summary>A range of supplementary code points as UTF-16 surrogate sequences.</summary>
        private static string AstralRange(int lo, int hi)
        {
            var first = char.ConvertFromUtf32(lo);
            var last = char.ConvertFromUtf32(hi);
            if (first[0] == last[0])
            {
                return $"{Unit(first[0])}[{Unit(first[1])}-{Unit(last[1])}]";
            }

            var parts = new List<string> { $"{Unit(first[0])}[{Unit(first[1])}-\\uDFFF]" };
            if (last[0] - first[0] > 1)
            {
                parts.Add($"[{Unit(first[0] + 1)}-{Unit(last[0] - 1)}][\\uDC00-\\uDFFF]");
            }

            parts.Add($"{Unit(last[0])}[\\uDC00-{Unit(last[1])}]");
            return "(?:" + string.Join('|', parts) + ")";
        }

        private static void SplitRanges(CharSet set, StringBuilder bmp, List<(int Lo, int Hi)> astral)
        {
            foreach (var (lo, hi) in set.Ranges)
            {
                AddBmp(bmp, lo, Math.Min(hi, 0xD7FF));
                AddBmp(bmp, Math.Max(lo, 0xE000), Math.Min(hi, 0xFFFF));
                if (hi > 0xFFFF)
                {
                    astral.Add((Math.Max(lo, 0x10000), hi));
                }
            }

            foreach (var term in set.Terms)
            {
                bmp.Append(term);
            }
        }

        private static void AddBmp(StringBuilder bmp, int lo, int hi)
        {
            if (lo > hi)
            {
                return;
            }

            AppendUnit(bmp, lo);
            if (hi > lo)
            {
                bmp.Append('-');
                AppendUnit(bmp, hi);
            }
        }

        private FormatException Error(string message) =>
            new($"{message} at position {_pos.ToString(CultureInfo.InvariantCulture)}");

        private int Next()
        {
            if (!More)
            {
                throw Error("unexpected end of pattern");
            }

            return pattern[_pos++];
        }

        private void Expect(char c)
        {
            if (!More || Peek != c)
            {
                throw Error($"expected '{c}'");
            }

            _pos++;
        }

        private void ParseRegExp()
        {
            ParseBranch();
            while (More && Peek == '|')
            {
                _pos++;
                _out.Append('|');
                ParseBranch();
            }
        }

        private void ParseBranch()
        {
            while (More && Peek != '|' && Peek != ')')
            {
                ParsePiece();
            }
        }

        private void ParsePiece()
        {
            var quantifiable = ParseAtom();
            if (!More || Peek is not ('?' or '*' or '+' or '{'))
            {
                return;
            }

            if (!quantifiable)
            {
                throw Error("a quantifier must follow something it can repeat");
            }

            var q = Next();
            if (q == '{')
            {
                ParseQuantity();
            }
            else
            {
                _out.Append((char)q);
            }

            if (More && Peek == '?')
            {
                _pos++;
                _out.Append('?');
            }

            if (More && Peek is '?' or '*' or '+' or '{')
            {
                throw Error("a quantifier cannot follow a quantifier");
            }
        }

        private void ParseQuantity()
        {
            var min = ParseNumber() ?? throw Error("a quantity needs a minimum, e.g. {2} or {2,5}");
            _out.Append('{').Append(min.ToString(CultureInfo.InvariantCulture));
            if (More && Peek == ',')
            {
                _pos++;
                _out.Append(',');
                if (ParseNumber() is { } max)
                {
                    if (max < min)
                    {
                        throw Error("the maximum of a quantity is less than its minimum");
                    }

                    _out.Append(max.ToString(CultureInfo.InvariantCulture));
                }
            }

            Expect('}');
            _out.Append('}');
        }

        private int? ParseNumber()
        {
            var start = _pos;
            long value = 0;
            while (More && Peek is >= '0' and <= '9')
            {
                value = (value * 10) + (Next() - '0');
                if (value > int.MaxValue)
                {
                    throw Error("quantity too large");
                }
            }

            return _pos == start ? null : (int)value;
        }

        /// <summary>Translates one atom; false when it cannot take a quantifier (an anchor).</summary>
        private bool ParseAtom()
        {
            var c = Next();
            switch (c)
            {
                case '(':
                    ParseGroup();
                    return true;
                case '[':
                    _out.Append(Emit(ParseClassExpression()).Pattern);
                    return true;
                case '.':
                    _out.Append(AnyOf(dotAll));
                    return true;
                case '^':
                    _out.Append('^');
                    return false;
                case '$':
                    // Without the m flag XPath's $ is the very end; .NET's would also match before a final newline.
                    _out.Append(multiLine ? "$" : "\\z");
                    return false;
                case '\\':
                    ParseEscape();
                    return true;
                case '?' or '*' or '+' or '{':
                    throw Error($"quantifier '{(char)c}' has nothing to repeat");
                case ']' or '}':
                    throw Error($"'{(char)c}' must be escaped");
                default:
                    AppendLiteral(_out, c);
                    return true;
            }
        }

        private void ParseGroup()
        {
            Enter();
            if (More && Peek == '?')
            {
                if (_pos + 1 < pattern.Length && pattern[_pos + 1] == ':')
                {
                    _pos += 2;
                    _out.Append("(?:");
                    ParseRegExp();
                    Expect(')');
                    _out.Append(')');
                    _depth--;
                    return;
                }

                throw Error("'(?' is only allowed as '(?:'");
            }

            var number = _closedGroups.Count;
            _closedGroups.Add(false);
            _out.Append('(');
            ParseRegExp();
            Expect(')');
            _out.Append(')');
            _closedGroups[number] = true;
            _depth--;
        }

        /// <summary>Groups and class subtractions are parsed recursively: a pattern nesting them thousands deep would overflow the stack.</summary>
        private void Enter()
        {
            if (++_depth > MaxNesting)
            {
                throw Error($"groups or class subtractions nest more than {MaxNesting} deep");
            }
        }

        private void ParseEscape()
        {
            var c = Next();
            if (c is >= '1' and <= '9')
            {
                var opened = _closedGroups.Count - 1;
                var group = c - '0';
                while (More && Peek is >= '0' and <= '9' && (group * 10) + (Peek - '0') <= opened)
                {
                    group = (group * 10) + (Next() - '0');
                }

                if (group > opened || !_closedGroups[group])
                {
                    throw Error($"back-reference \\{group.ToString(CultureInfo.InvariantCulture)} names no group closed before it");
                }

                _out.Append("\\k<").Append(group.ToString(CultureInfo.InvariantCulture)).Append('>');
                return;
            }

            if (SingleCharacterEscape(c) is { } literal)
            {
                AppendLiteral(_out, literal);
                return;
            }

            _out.Append(Emit(ClassEscape(c)).Pattern);
        }

        private static int? SingleCharacterEscape(int c) => c switch
        {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '\\' or '|' or '.' or '?' or '*' or '+' or '(' or ')' or '{' or '}' or '-' or '[' or ']' or '^' or '$' => c,
            _ => null,
        };

        /// <summary>A multi-character or category escape (the <c>\</c> already read).</summary>
        private CharSet ClassEscape(int c)
        {
            var set = new CharSet();
            switch (c)
            {
                case 's':
                    set.Ranges.AddRange(Whitespace);
                    break;
                case 'S':
                    set.Ranges.AddRange(Complement(Whitespace));
                    break;
                case 'i':
                    set.Ranges.AddRange(NameStart);
                    break;
                case 'I':
                    set.Ranges.AddRange(Complement(NameStart));
                    break;
                case 'c':
                    set.Ranges.AddRange(NameChar);
                    break;
                case 'C':
                    set.Ranges.AddRange(Complement(NameChar));
                    break;
                case 'd':
                    set.Terms.Add("\\p{Nd}");
                    break;
                case 'D':
                    AddCategoryComplement(set, "Nd");
                    break;
                case 'w':
                    // XML Schema's \w is everything but punctuation, separators and "other"; .NET's differs.
                    set.Terms.AddRange(["\\p{L}", "\\p{M}", "\\p{N}", "\\p{S}"]);
                    set.Ranges.Add((0x10000, MaxCodePoint));
                    break;
                case 'W':
                    set.Terms.AddRange(["\\p{P}", "\\p{Z}", "\\p{Cc}", "\\p{Cf}", "\\p{Co}", "\\p{Cn}"]);
                    break;
                case 'p' or 'P':
                    ParseProperty(set, complement: c == 'P');
                    break;
                default:
                    throw Error($"invalid escape '\\{char.ConvertFromUtf32(c)}'");
            }

            return set;
        }

        private void ParseProperty(CharSet set, bool complement)
        {
            Expect('{');
            var start = _pos;
            while (More && Peek != '}')
            {
                _pos++;
            }

            var name = string.Concat(pattern[start.._pos].Select(char.ConvertFromUtf32));
            Expect('}');
            if (name.StartsWith("Is", StringComparison.Ordinal) && name.Length > 2 && name[2..].All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
            {
                if (complement)
                {
                    set.Brackets.Add($"[\\u0000-\\uFFFF-[\\p{{{name}}}\\uD800-\\uDFFF]]");
                    set.Ranges.Add((0x10000, MaxCodePoint));
                }
                else
                {
                    set.Terms.Add($"\\p{{{name}}}");
                }

                return;
            }

            var leaves = LeafCategories.Where(l => l == name || (name.Length == 1 && l[0] == name[0])).ToList();
            if (leaves.Count == 0)
            {
                throw Error($"unknown character property '{name}'");
            }

            if (complement)
            {
                AddCategoryComplement(set, name);
            }
            else
            {
                set.Terms.AddRange(leaves.Select(l => $"\\p{{{l}}}"));
            }
        }

        private static void AddCategoryComplement(CharSet set, string category)
        {
            foreach (var leaf in LeafCategories)
            {
                if (leaf != category && !(category.Length == 1 && leaf[0] == category[0]))
                {
                    set.Terms.Add($"\\p{{{leaf}}}");
                }
            }

            // .NET assigns no category to supplementary characters; count them outside every category.
            set.Ranges.Add((0x10000, MaxCodePoint));
        }

        /// <summary>A character class expression, the <c>[</c> already read.</summary>
        private CharSet ParseClassExpression()
        {
            var set = new CharSet();
            if (More && Peek == '^')
            {
                _pos++;
                set.Negated = true;
            }

            var first = true;
            while (true)
            {
                if (!More)
                {
                    throw Error("missing ']'");
                }

                var c = Peek;
                var after = _pos + 1 < pattern.Length ? pattern[_pos + 1] : -1;
                if (c == ']')
                {
                    if (first)
                    {
                        throw Error("empty character class");
                    }

                    _pos++;
                    return set;
                }

                if (c == '-')
                {
                    if (!first && after == '[')
                    {
                        _pos += 2;
                        Enter();
                        set.Subtraction = ParseClassExpression();
                        _depth--;
                        Expect(']');
                        return set;
                    }

                    if (!first && after != ']')
                    {
                        throw Error("'-' must be escaped unless it is first or last in a character class");
                    }
                }
                else if (c == '[')
                {
                    throw Error("'[' must be escaped inside a character class");
                }

                first = false;
                _pos++;
                int lo;
                if (c == '\\')
                {
                    var e = Next();
                    if (SingleCharacterEscape(e) is { } single)
                    {
                        lo = single;
                    }
                    else
                    {
                        set.Union(ClassEscape(e));
                        continue;
                    }
                }
                else
                {
                    lo = c;
                }

                if (c != '-' && More && Peek == '-' && _pos + 1 < pattern.Length && pattern[_pos + 1] is not ('[' or ']'))
                {
                    _pos++;
                    var d = Next();
                    int hi;
                    if (d == '\\')
                    {
                        hi = SingleCharacterEscape(Next()) ?? throw Error("a range must end in a single character");
                    }
                    else if (d is '[' or '-')
                    {
                        throw Error($"'{(char)d}' must be escaped in a range");
                    }
                    else
                    {
                        hi = d;
                    }

                    if (hi < lo)
                    {
                        throw Error("range out of order");
                    }

                    set.Ranges.Add((lo, hi));
                }
                else
                {
                    set.Ranges.Add((lo, lo));
                }
            }
        }

        private (string Pattern, string? Body) Emit(CharSet set)
        {
            var (pattern, body) = set.Negated ? EmitNegated(set) : EmitPositive(set);
            if (set.Subtraction is null)
            {
                return (pattern, body);
            }

            var subtraction = Emit(set.Subtraction);
            if (!set.Negated && body is not null && subtraction.Body is not null)
            {
                var combined = $"{body}-[{subtraction.Body}]";
                return ($"[{combined}]", combined);
            }

            return ($"(?:(?!{subtraction.Pattern}){pattern})", null);
        }

        /// <summary>The set as a pattern, plus the body of a single .NET class when it is one (for native subtraction).</summary>
        private (string Pattern, string? Body) EmitPositive(CharSet set)
        {
            var bmp = new StringBuilder();
            var astral = new List<(int Lo, int Hi)>();
            SplitRanges(set, bmp, astral);
            var alternatives = new List<string>();
            if (bmp.Length > 0)
            {
                alternatives.Add($"[{bmp}]");
            }

            alternatives.AddRange(set.Brackets);
            if (surrogates)
            {
                alternatives.AddRange(astral.Select(r => AstralRange(r.Lo, r.Hi)));
            }

            return alternatives.Count switch
            {
                0 => ("(?!)", null),
                1 when bmp.Length > 0 => (alternatives[0], bmp.ToString()),
                1 => (alternatives[0], null),
                _ => ($"(?:{string.Join('|', alternatives)})", null),
            };
        }

        private (string Pattern, string? Body) EmitNegated(CharSet set)
        {
            if (set.Brackets.Count > 0)
            {
                return ($"(?:(?!{EmitPositive(set).Pattern}){AnyOf(newlines: true)})", null);
            }

            var bmp = new StringBuilder();
            var astral = new List<(int Lo, int Hi)>();
            SplitRanges(set, bmp, astral);
            var negated = $"[^{bmp}\\uD800-\\uDFFF]";
            if (!surrogates)
            {
                return (negated, null);
            }

            var outside = Complement(astral.Append<(int Lo, int Hi)>((0, 0xFFFF))).Select(r => AstralRange(r.Lo, r.Hi)).ToList();
            return outside.Count == 0 ? (negated, null) : ($"(?:{negated}|{string.Join('|', outside)})", null);
        }

        private string AnyOf(bool newlines) => surrogates
            ? (newlines ? $"(?:{SurrogatePair}|[^\\uD800-\\uDFFF])" : $"(?:{SurrogatePair}|[^\\n\\r\\uD800-\\uDFFF])")
            : (newlines ? "[\\s\\S]" : "[^\\n\\r]");
    }

    /// <summary>A parsed character class: code point ranges, .NET class items and whole .NET classes, optionally negated and minus another class.</summary>
    private sealed class CharSet
    {
        public List<(int Lo, int Hi)> Ranges { get; } = [];

        /// <summary>Items that may stand inside one .NET class with others (<c>\p{Lu}</c>, <c>\p{IsBasicLatin}</c>); they match BMP characters only.</summary>
        public List<string> Terms { get; } = [];

        /// <summary>Complete .NET classes that cannot join a union (they use .NET's subtraction).</summary>
        public List<string> Brackets { get; } = [];

        public bool Negated { get; set; }

        public CharSet? Subtraction { get; set; }

        public void Union(CharSet other)
        {
            Ranges.AddRange(other.Ranges);
            Terms.AddRange(other.Terms);
            Brackets.AddRange(other.Brackets);
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// Regular expressions with XML Schema / XPath 3.1 semantics (as DMN requires for <c>matches</c>,
/// <c>replace</c>, <c>split</c>), translated to .NET: <c>$</c> and <c>^</c> anchor only at the ends
/// unless flag <c>m</c>; <c>.</c> matches neither <c>\n</c> nor <c>\r</c> unless flag <c>s</c>; flag
/// <c>x</c> strips whitespace outside classes; flag <c>q</c> takes the pattern literally; <c>\i</c>
/// and <c>\c</c> become XML name-character classes. Matching has a time-out so a pathological
/// pattern cannot hang an evaluation.
/// </summary>
internal static class XmlSchemaRegex
{
    /// <summary>How long one match may run before it is abandoned.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const int CacheLimit = 1_000;
    private static readonly ConcurrentDictionary<(string Pattern, string Flags), Regex> Cache = new();

    /// <summary>Compiles an XPath pattern with flags; false with a message when either is invalid.</summary>
    public static bool TryCreate(string pattern, string flags, out Regex? regex, out string? error)
    {
        regex = null;
        error = null;
        if (Cache.TryGetValue((pattern, flags), out var cached))
        {
            regex = cached;
            return true;
        }

        var options = RegexOptions.CultureInvariant;
        bool multiline = false, dotAll = false, extended = false, literal = false;
        foreach (var flag in flags)
        {
            switch (flag)
            {
                case 's': dotAll = true; break;
                case 'm': multiline = true; break;
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'x': extended = true; break;
                case 'q': literal = true; break;
                default:
                    error = $"invalid regular expression flag '{flag}' (allowed: s, m, i, x, q)";
                    return false;
            }
        }

        if (multiline)
        {
            options |= RegexOptions.Multiline;
        }

        var translated = literal ? Regex.Escape(pattern) : Translate(pattern, multiline, dotAll, extended);
        try
        {
            regex = new Regex(translated, options, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            error = $"invalid regular expression '{pattern}': {ex.Message}";
            return false;
        }

        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        Cache[(pattern, flags)] = regex;
        return true;
    }

    /// <summary>
    /// Translates an XPath replacement string (<c>$N</c> groups, <c>\$</c> and <c>\\</c> escapes) to .NET's
    /// (<c>${N}</c>, <c>$$</c>); false for a lone <c>\</c> or a <c>$</c> not followed by a digit, as XPath
    /// raises FORX0004 there. A reference to a group the pattern lacks is empty, as XPath says.
    /// </summary>
    public static bool TryTranslateReplacement(string replacement, Regex regex, out string translated)
    {
        var groups = regex.GetGroupNumbers().Max();
        var sb = new StringBuilder(replacement.Length + 8);
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\')
            {
                if (i + 1 >= replacement.Length || replacement[i + 1] is not ('\\' or '$'))
                {
                    translated = string.Empty;
                    return false;
                }

                sb.Append(replacement[i + 1] == '$' ? "$$" : "\\");
                i++;
            }
            else if (c == '$')
            {
                if (i + 1 >= replacement.Length || !char.IsAsciiDigit(replacement[i + 1]))
                {
                    translated = string.Empty;
                    return false;
                }

                // XPath takes as many digits as still name an existing group.
                var number = replacement[++i] - '0';
                while (i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]) && (number * 10) + (replacement[i + 1] - '0') <= groups)
                {
                    number = (number * 10) + (replacement[++i] - '0');
                }

                if (number <= groups)
                {
                    sb.Append("${").Append(number).Append('}');
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        translated = sb.ToString();
        return true;
    }

    private static string Translate(string pattern, bool multiline, bool dotAll, bool extended)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var classDepth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                sb.Append(next switch
                {
                    'i' => classDepth > 0 ? @"\p{L}_:" : @"[\p{L}_:]",
                    'I' => @"[^\p{L}_:]",
                    'c' => classDepth > 0 ? @"\p{L}\p{Nd}.\-_:\p{Mn}" : @"[\p{L}\p{Nd}.\-_:\p{Mn}]",
                    'C' => @"[^\p{L}\p{Nd}.\-_:\p{Mn}]",
                    _ => "\\" + next,
                });
                continue;
            }

            if (classDepth > 0)
            {
                if (c == '[')
                {
                    classDepth++;
                }
                else if (c == ']')
                {
                    classDepth--;
                }

                sb.Append(c);
                continue;
            }

            if (extended && char.IsWhiteSpace(c))
            {
                continue;
            }

            switch (c)
            {
                case '[':
                    classDepth = 1;
                    sb.Append(c);
                    break;
                case '.':
                    sb.Append(dotAll ? @"[\s\S]" : @"[^\n\r]");
                    break;
                case '$':
                    sb.Append(multiline ? "(?=\\n|\\z)" : @"\z");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }
}

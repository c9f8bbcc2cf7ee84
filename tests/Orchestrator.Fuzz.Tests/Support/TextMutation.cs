using System.Text;
using CsCheck;

namespace Orchestrator.Fuzz.Tests.Support;

/// <summary>
/// One random edit of a text: insert, delete, duplicate or overwrite a stretch, or splice in a piece of another text.
/// Positions are fractions of the text's length, so one edit applies to any text.
/// </summary>
internal sealed record TextMutation(int Kind, double At, double To, string Insert)
{
    /// <summary>Characters that matter to FEEL and XML parsers, and some that should not matter at all.</summary>
    private const string Alphabet = "()[]{}<>.,:;=!+-*/?\"'`@\\&#%$^|~ \n\t\r0123456789aeinorstx_\u00e9\u0000\uFFFF\u00A0\uD83D\uDE00";

    private static readonly string[] Tokens =
    [
        "..", "**", "<=", "!=", "->", "if ", " then ", " else ", "for ", " in ", " return ", "some ", "every ", " satisfies ", " and ", " or ",
        "not(", "function(", " between ", " instance of ", "null", "true", "item", "partial", "@\"", "\"", "/*", "*/", "//", "\\u", "1e999",
        "79228162514264337593543950335", "-0", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&bogus;", "=", "/>", "</", "xmlns:", "zeebe:",
    ];

    /// <summary>An edit.</summary>
    public static Gen<TextMutation> Gen { get; } =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, 5], CsCheck.Gen.Double.Unit, CsCheck.Gen.Double.Unit, Insertion, (kind, at, to, insert) => new TextMutation(kind, at, to, insert));

    private static Gen<string> Insertion =>
        CsCheck.Gen.Frequency<string>(
            (3, CsCheck.Gen.Char[Alphabet].Array[1, 3].Select(chars => new string(chars))),
            (3, CsCheck.Gen.OneOf(Tokens)),
            (1, CsCheck.Gen.Int[100, 20_000].Select(n => new string('(', n))),
            (1, CsCheck.Gen.Int[1_000, 100_000].Select(n => new string('x', n))));

    /// <summary>Applies the edits in order; <paramref name="donor"/> is the text splices take from.</summary>
    public static string Apply(string text, IEnumerable<TextMutation> edits, string donor)
    {
        var sb = new StringBuilder(text);
        foreach (var edit in edits)
        {
            var at = (int)(edit.At * sb.Length);
            var to = Math.Min(sb.Length, at + (int)(edit.To * Math.Min(64, sb.Length - at)));
            switch (edit.Kind)
            {
                case 0:
                case 1:
                    sb.Insert(at, edit.Insert);
                    break;
                case 2:
                    sb.Remove(at, to - at);
                    break;
                case 3:
                    sb.Insert(to, sb.ToString(at, to - at));
                    break;
                case 4:
                    sb.Length = at;
                    break;
                default:
                    var from = (int)(edit.To * donor.Length);
                    sb.Insert(at, donor[from..Math.Min(donor.Length, from + 40)]);
                    break;
            }
        }

        return sb.ToString();
    }
}

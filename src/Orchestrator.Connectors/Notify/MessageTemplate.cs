using System.Text;
using Orchestrator.Feel;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Notify;

/// <summary>
/// One file of the catalogue, <c>&lt;template&gt;/&lt;language&gt;.txt</c>: a line <c>subject: …</c>, a blank line, then the
/// body. <c>{{ expression }}</c> is a FEEL placeholder, closed on its own line. A body line made only of placeholders that
/// render to nothing is left out, and the body's trailing blank lines are dropped.
/// </summary>
public sealed class MessageTemplate
{
    private const string SubjectHeader = "subject:";
    private const string Open = "{{";
    private const string Close = "}}";

    private readonly Line _subject;
    private readonly IReadOnlyList<Line> _body;

    private MessageTemplate(string template, string language, string path, Line subject, IReadOnlyList<Line> body, IReadOnlyList<CatalogueProblem> problems)
    {
        Template = template;
        Language = language;
        Path = path;
        _subject = subject;
        _body = body;
        Problems = problems;
    }

    /// <summary>The template's name (its folder).</summary>
    public string Template { get; }

    /// <summary>The language (the file's name without <c>.txt</c>).</summary>
    public string Language { get; }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Why the file cannot be rendered; empty when it can.</summary>
    public IReadOnlyList<CatalogueProblem> Problems { get; }

    /// <summary>The FEEL text of every placeholder, subject first, in order.</summary>
    public IReadOnlyList<string> Placeholders =>
        [.. _body.Prepend(_subject).SelectMany(l => l.Parts).OfType<Placeholder>().Select(p => p.Expression.Text)];

    /// <summary>Parses a file's text; a file with problems is kept (with <see cref="Problems"/>) so that sending it can say why it fails.</summary>
    internal static MessageTemplate Parse(string template, string language, string path, string text, FeelEngine feel)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(feel);
        var problems = new List<CatalogueProblem>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var header = lines[0];
        if (!header.StartsWith(SubjectHeader, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new CatalogueProblem(path, 1, $"the first line must be '{SubjectHeader} …'"));
        }
        else if (lines.Length > 1 && lines[1].Trim().Length > 0)
        {
            problems.Add(new CatalogueProblem(path, 2, "the subject line must be followed by a blank line"));
        }

        var subject = ParseLine(header.StartsWith(SubjectHeader, StringComparison.OrdinalIgnoreCase) ? header[SubjectHeader.Length..].Trim() : "", 1, path, feel, problems);
        var body = lines.Skip(2).Select((line, i) => ParseLine(line, i + 3, path, feel, problems)).ToList();
        return new MessageTemplate(template, language, path, subject, body, problems);
    }

    /// <summary>A template whose file could not be read.</summary>
    internal static MessageTemplate Unreadable(string template, string language, string path, string reason) =>
        new(template, language, path, new Line([]), [], [new CatalogueProblem(path, 0, "cannot read the file: " + reason)]);

    /// <summary>Renders subject and body with <paramref name="values"/> as the FEEL variables.</summary>
    /// <exception cref="NotificationTemplateException">The file has problems, or a placeholder fails or gives a context, list, range or function.</exception>
    internal (string Subject, string Body) Render(IFeelScope values)
    {
        if (Problems.Count > 0)
        {
            throw new NotificationTemplateException($"notification template '{Template}' ({Language}) cannot be rendered: {string.Join("; ", Problems)}");
        }

        var body = new StringBuilder();
        foreach (var line in _body)
        {
            var text = Render(line, values);
            if (line.Parts.Any(p => p is Placeholder) && line.Parts.All(p => p is Placeholder || string.IsNullOrWhiteSpace(((Literal)p).Text)) && string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            body.Append(text).Append('\n');
        }

        return (Render(_subject, values), body.ToString().TrimEnd());
    }

    private string Render(Line line, IFeelScope values)
    {
        var text = new StringBuilder();
        foreach (var part in line.Parts)
        {
            text.Append(part switch
            {
                Literal literal => literal.Text,
                Placeholder placeholder => Evaluate(placeholder, values),
                _ => throw new InvalidOperationException("unknown part " + part),
            });
        }

        return text.ToString();
    }

    private string Evaluate(Placeholder placeholder, IFeelScope values)
    {
        var result = placeholder.Expression.Evaluate(values);

        // The data differ from task to task, so a name the task does not pass is null; any other warning is a mistake
        // that would send a message with a hole in it.
        var failure = result.Warnings.FirstOrDefault(w => w.Kind is not (FeelWarningKind.NoVariableFound or FeelWarningKind.NoContextEntryFound));
        if (failure is null && Format(result.Value) is { } text)
        {
            return text;
        }

        var why = failure?.ToString() ?? $"it gives a {result.Value.TypeName}, not text, a number, a boolean, a date or null";
        throw new NotificationTemplateException(
            $"notification template '{Template}' ({Language}, {Path}:{placeholder.Line}): the placeholder {{{{ {placeholder.Expression.Text} }}}} failed: {why}");
    }

    /// <summary>How a placeholder's value reads: null as nothing, numbers without trailing zeros (<c>12.5</c>); null (CLR) for a context, list, range or function.</summary>
    private static string? Format(FeelValue value) => value switch
    {
        FeelNull => "",
        FeelString text => text.Value,
        FeelContext or FeelList or FeelRange or FeelFunction => null,
        _ => value.ToString(),
    };

    private static Line ParseLine(string text, int number, string path, FeelEngine feel, List<CatalogueProblem> problems)
    {
        var parts = new List<Part>();
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf(Open, at, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new Literal(text[at..]));
                break;
            }

            if (open > at)
            {
                parts.Add(new Literal(text[at..open]));
            }

            var close = text.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                problems.Add(new CatalogueProblem(path, number, $"'{Open}' at column {open + 1} is not closed by '{Close}' on the same line"));
                break;
            }

            var inside = text[(open + Open.Length)..close];
            var expression = inside.Trim();
            if (feel.TryParse(expression, out var compiled, out var error))
            {
                parts.Add(new Placeholder(compiled, number));
            }
            else
            {
                problems.Add(new CatalogueProblem(path, number, $"the placeholder {Open} {expression} {Close} is not valid FEEL: {error.Message} (column {open + Open.Length + inside.Length - inside.TrimStart().Length + error.Column})"));
            }

            at = close + Close.Length;
        }

        return new Line(parts);
    }

    private abstract record Part;

    private sealed record Literal(string Text) : Part;

    private sealed record Placeholder(FeelExpression Expression, int Line) : Part;

    private sealed record Line(IReadOnlyList<Part> Parts);
}

using Orchestrator.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Model;

/// <summary>A DMN boxed expression (DMN 1.5 chapter 10.2): the logic of a decision, a knowledge model, a context entry…</summary>
internal abstract class BoxedExpression(string? id, int line)
{
    public string? Id { get; } = id;

    public int Line { get; } = line;

    public string? TypeRef { get; set; }

    /// <summary>The DMN element name of an expression's kind (<c>decisionTable</c>, <c>literalExpression</c>…); empty for none.</summary>
    public static string KindOf(BoxedExpression? expression) => expression switch
    {
        null => "",
        LiteralExpression => "literalExpression",
        DecisionTable => "decisionTable",
        ContextExpression => "context",
        Invocation => "invocation",
        Relation => "relation",
        ListExpression => "list",
        FunctionDefinition => "functionDefinition",
        Conditional => "conditional",
        Filter => "filter",
        Iterator iterator => iterator.Kind.ToString().ToLowerInvariant(),
        _ => "",
    };
}

/// <summary>FEEL text; empty text means null.</summary>
internal sealed class LiteralExpression(string? id, int line, string text) : BoxedExpression(id, line)
{
    public string Text { get; } = text;

    /// <summary>Set once the model's names are known; null for empty text or a syntax error.</summary>
    public FeelExpression? Compiled { get; set; }

    /// <summary>Why the text does not compile, when it does not.</summary>
    public string? SyntaxError { get; set; }
}

internal enum HitPolicy
{
    Unique,
    First,
    Priority,
    Any,
    Collect,
    RuleOrder,
    OutputOrder,
}

internal enum Aggregation
{
    None,
    Sum,
    Min,
    Max,
    Count,
}

internal sealed class DecisionTable(string? id, int line) : BoxedExpression(id, line)
{
    public HitPolicy HitPolicy { get; set; } = HitPolicy.Unique;

    public Aggregation Aggregation { get; set; }

    public List<TableInput> Inputs { get; } = [];

    public List<TableOutput> Outputs { get; } = [];

    public List<TableRule> Rules { get; } = [];
}

internal sealed class TableInput(string? id, int line, string label, LiteralExpression expression)
{
    public string? Id { get; } = id;

    public int Line { get; } = line;

    public string Label { get; } = label;

    public LiteralExpression Expression { get; } = expression;

    public string? AllowedText { get; set; }

    public FeelUnaryTests? Allowed { get; set; }
}

internal sealed class TableOutput(string? id, int line, string? name)
{
    public string? Id { get; } = id;

    public int Line { get; } = line;

    public string? Name { get; } = name;

    public string? TypeRef { get; set; }

    public string? AllowedText { get; set; }

    public FeelUnaryTests? Allowed { get; set; }

    /// <summary>The output values in order, highest priority first (PRIORITY and OUTPUT ORDER); null when none are listed.</summary>
    public FeelValue[]? Priorities { get; set; }

    public LiteralExpression? Default { get; set; }
}

internal sealed class TableRule(string? id, int line, int index)
{
    public string? Id { get; } = id;

    public int Line { get; } = line;

    /// <summary>The rule's position, from 1.</summary>
    public int Index { get; } = index;

    /// <summary>The input entries; null tests for one that does not compile (the rule then fails when evaluated).</summary>
    public List<(string Text, FeelUnaryTests? Tests)> InputEntries { get; } = [];

    public List<LiteralExpression> OutputEntries { get; } = [];
}

internal sealed class ContextExpression(string? id, int line) : BoxedExpression(id, line)
{
    /// <summary>The entries in order; a null name is the result entry.</summary>
    public List<(string? Name, string? TypeRef, BoxedExpression Value)> Entries { get; } = [];
}

internal sealed class Invocation(string? id, int line, BoxedExpression callee) : BoxedExpression(id, line)
{
    public BoxedExpression Callee { get; } = callee;

    public List<(string Parameter, BoxedExpression? Value)> Bindings { get; } = [];
}

internal sealed class Relation(string? id, int line) : BoxedExpression(id, line)
{
    public List<string> Columns { get; } = [];

    public List<BoxedExpression?[]> Rows { get; } = [];
}

internal sealed class ListExpression(string? id, int line) : BoxedExpression(id, line)
{
    public List<BoxedExpression> Items { get; } = [];
}

internal sealed class FunctionDefinition(string? id, int line, string kind) : BoxedExpression(id, line)
{
    /// <summary>FEEL, Java or PMML; only FEEL runs.</summary>
    public string Kind { get; } = kind;

    public List<(string Name, string? TypeRef)> Parameters { get; } = [];

    public BoxedExpression? Body { get; set; }
}

internal sealed class Conditional(string? id, int line, BoxedExpression condition, BoxedExpression then, BoxedExpression otherwise) : BoxedExpression(id, line)
{
    public BoxedExpression Condition { get; } = condition;

    public BoxedExpression Then { get; } = then;

    public BoxedExpression Otherwise { get; } = otherwise;
}

internal sealed class Filter(string? id, int line, BoxedExpression source, BoxedExpression match) : BoxedExpression(id, line)
{
    public BoxedExpression Source { get; } = source;

    public BoxedExpression Match { get; } = match;
}

internal enum IteratorKind
{
    For,
    Some,
    Every,
}

internal sealed class Iterator(string? id, int line, IteratorKind kind, string variable, BoxedExpression source, BoxedExpression body) : BoxedExpression(id, line)
{
    public IteratorKind Kind { get; } = kind;

    public string Variable { get; } = variable;

    public BoxedExpression Source { get; } = source;

    public BoxedExpression Body { get; } = body;
}

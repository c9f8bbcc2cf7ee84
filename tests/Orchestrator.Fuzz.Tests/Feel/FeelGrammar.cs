using CsCheck;
using Orchestrator.Feel;

namespace Orchestrator.Fuzz.Tests.Feel;

/// <summary>
/// Generates FEEL expressions from the grammar: mostly valid ones (literals of every type, names with spaces, arithmetic,
/// comparisons, filters, paths, <c>for</c>/<c>some</c>/<c>every</c>, <c>if</c>, contexts, ranges, user functions, calls of
/// every built-in with random positional or named arguments), nested a few levels, plus deep nesting around the parser's
/// limit. Loops run over small ranges, now and then a large one, so a case stays quick unless it finds a hang.
/// </summary>
internal static class FeelGrammar
{
    /// <summary>The variables every generated expression is evaluated with (their names are among the generated names).</summary>
    public const string VariablesJson = """
        {
          "x": 1, "y": [1, 2, 3], "amount": 250.5, "flag": true, "nothing": null, "s": "hello wörld 😀",
          "big": 79228162514264337593543950335, "tiny": 0.0000000000000000000000000001,
          "customer": {"tier": "VIP", "name": "Li Wei", "since": "2020-01-01", "tags": ["a", "b"]},
          "order items": [{"sku": "A-1", "quantity": 2, "price": 10}, {"sku": "B-2", "quantity": 1, "price": 99.9}],
          "deliveredAt": "2024-03-10T10:00:00Z", "matrix": [[1, 2], [3, 4]], "empty": [], "nested": {"a": {"b": {"c": [1, {"d": 2}]}}}
        }
        """;

    private static readonly string[] Names =
    [
        "x", "y", "amount", "flag", "nothing", "s", "big", "tiny", "customer", "customer.tier", "customer.tags", "order items", "deliveredAt",
        "matrix", "empty", "nested.a.b.c", "unknown", "item", "partial", "?", "i", "j", "`odd-name`",
    ];

    private static readonly string[] Numbers =
    [
        "0", "1", "-1", "2", "3", "10", "100", "0.5", ".5", "1.1", "-0", "12.345", "1e3", ".5e1", "79228162514264337593543950335",
        "-79228162514264337593543950335", "0.0000000000000000000000000001", "123456789012345678901234567890", "9223372036854775807",
        "-9223372036854775808", "4294967296",
    ];

    private static readonly string[] Strings =
    [
        "\"\"", "\"a\"", "\"VIP\"", "\"hello world\"", "\"line\\nbreak\"", "\"\\u00e9\"", "\"😀\"", "\"\\\"quoted\\\"\"", "\"2024-03-15\"",
        "\"P1D\"", "\"PT4H\"", "\"10:00:00\"", "\"2024-03-15T10:00:00@Europe/Berlin\"", "\"a,b,c\"", "\"(a+)+$\"", "\"[0-9]+\"", "\"\\\\\"",
        "\"x\"", "\"12.5\"", "\"-3\"", "\"true\"", "\"\\U0001F600\"",
    ];

    private static readonly string[] Temporals =
    [
        "@\"2024-03-15\"", "@\"2024-02-29T23:59:59Z\"", "@\"10:30:00+01:00\"", "@\"P1Y2M\"", "@\"PT1H30M\"", "@\"-P3D\"",
        "@\"2024-03-15T10:30:00@Europe/Berlin\"", "date(\"2024-02-30\")", "date and time(\"2024-03-15T10:00:00\")", "time(\"25:00:00\")",
        "duration(\"P999999999Y\")", "duration(\"PT0S\")", "now()", "today()", "@\"9999-12-31\"", "@\"-999999999-01-01\"", "@\"P1DT-1H\"",
    ];

    private static readonly string[] Types =
    [
        "number", "string", "boolean", "date", "time", "date and time", "days and time duration", "years and months duration", "Any", "Null",
        "list<number>", "list<Any>", "context<a: number>", "context<a: list<string>>", "function<number> -> number", "range<number>", "list<list<context<x: date>>>",
    ];

    private static readonly string[] ArithmeticOperators = ["+", "-", "*", "/", "**"];

    private static readonly string[] ComparisonOperators = ["=", "!=", "<", "<=", ">", ">="];

    private static readonly string[] ParameterNames = ["list", "string", "n", "start position", "length", "from", "match", "x", "m", "key", "value", "precedes", "nope"];

    private static readonly string[] Openers = ["(", "[", "-", "not(", "{a: ", "[1..", "if true then ", "f("];

    /// <summary>The names of the built-in functions and their parameters.</summary>
    private static readonly (string Name, IReadOnlyList<string>[] Overloads)[] Builtins = new FeelEngine().Functions.Names
        .Order(StringComparer.Ordinal)
        .Select(name =>
        {
            new FeelEngine().Functions.TryGet(name, out var function);
            return (name, function!.Overloads.Select(o => o.Parameters).ToArray());
        })
        .ToArray();

    private static Gen<string> Leaf { get; } = Gen.Frequency<string>(
        (4, Gen.OneOf(Numbers)),
        (3, Gen.OneOf(Strings)),
        (2, Gen.OneOf(Temporals)),
        (4, Gen.OneOf(Names)),
        (1, Gen.OneOf("true", "false", "null")),
        (1, Gen.Int[0, 20].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>A FEEL expression.</summary>
    public static Gen<string> Expression { get; } = Gen.Recursive<string>((depth, self) => depth >= 5 ? Leaf : Node(self));

    /// <summary>Unary tests (what a decision table's input entry or <c>x in ...</c> holds).</summary>
    public static Gen<string> UnaryTests { get; } = Gen.Frequency<string>(
        (3, Gen.Select(Test(Leaf).Array[1, 4], tests => string.Join(", ", tests))),
        (1, Gen.Select(Test(Leaf).Array[1, 3], tests => "not(" + string.Join(", ", tests) + ")")),
        (1, Gen.Const("-")),
        (2, Expression.Select(e => "? " + "< >= = !=".Split(' ')[e.Length % 4] + " " + e)),
        (1, Expression));

    private static Gen<string> Node(Gen<string> e) => Gen.Frequency<string>(
        (6, Leaf),
        (3, Gen.Select(e, Gen.OneOf(ArithmeticOperators), e, Gen.Bool, (a, op, b, bracket) => bracket ? $"({a}) {op} ({b})" : $"{a} {op} {b}")),
        (3, Gen.Select(e, Gen.OneOf(ComparisonOperators), e, (a, op, b) => $"{a} {op} {b}")),
        (2, Gen.Select(e, Gen.OneOf("and", "or"), e, (a, op, b) => $"{a} {op} {b}")),
        (1, e.Select(a => $"not({a})")),
        (1, Gen.Select(e, e, e, (a, b, c) => $"{a} between {b} and {c}")),
        (1, Gen.Select(e, Test(e).Array[1, 3], (a, tests) => $"{a} in ({string.Join(", ", tests)})")),
        (1, Gen.Select(e, Gen.OneOf(Types), (a, type) => $"{a} instance of {type}")),
        (2, Gen.Select(e, e, e, (c, a, b) => $"if {c} then {a} else {b}")),
        (2, Gen.Select(Collection(e), e, (list, body) => $"for i in {list} return {body}")),
        (1, Gen.Select(Collection(e), Collection(e), e, (a, b, body) => $"for i in {a}, j in {b} return {body}")),
        (2, Gen.Select(Gen.OneOf("some", "every"), Collection(e), e, (q, list, c) => $"{q} i in {list} satisfies {c}")),
        (2, Gen.Select(Collection(e), e, (list, c) => $"{list}[{c}]")),
        (1, Gen.Select(Collection(e), Gen.Int[-4, 4], (list, i) => $"{list}[{i}]")),
        (2, Gen.Select(e, Gen.OneOf("a", "b", "tier", "year", "month", "day", "hour", "weekday", "days", "start", "end", "value"), (a, name) => $"({a}).{name}")),
        (2, Gen.Select(e, e, e, (a, b, c) => $"{{a: {a}, \"b c\": {b}, f: function(p) {c}, g: f(a)}}")),
        (1, Gen.Select(e, e, Gen.OneOf("a", "b c", "f", "g", "zz"), (a, b, key) => $"{{a: {a}, \"b c\": {b}}}.{(key.Contains(' ', StringComparison.Ordinal) ? "`" + key + "`" : key)}")),
        (2, e.Array[0, 4].Select(items => "[" + string.Join(", ", items) + "]")),
        (2, Gen.Select(Gen.OneOf("[", "(", "]"), e, e, Gen.OneOf("]", ")", "["), (open, a, b, close) => $"{open}{a}..{b}{close}")),
        (1, Gen.Select(Gen.OneOf("<", "<=", ">", ">="), e, (op, a) => $"{op} {a}")),
        (6, Call(e)),
        (2, Gen.Select(e, e, e, (body, a, b) => $"(function(p, q) {body})({a}, {b})")),
        (1, Gen.Select(Gen.Int[150, 260], Gen.OneOf(Openers), e, (n, open, a) => Nest(open, a, n))));

    /// <summary>A call of a built-in: the right number of positional arguments, a wrong number, or named ones (right and wrong names).</summary>
    private static Gen<string> Call(Gen<string> e) =>
        Gen.Int[0, Builtins.Length - 1].SelectMany(index =>
        {
            var (name, overloads) = Builtins[index];
            return Gen.Frequency<string>(
                (4, Gen.OneOf(overloads).SelectMany(parameters => e.Array[parameters.Count].Select(args => $"{name}({string.Join(", ", args)})"))),
                (1, e.Array[0, 4].Select(args => $"{name}({string.Join(", ", args)})")),
                (2, Gen.OneOf(overloads).SelectMany(parameters => Gen.Select(e.Array[parameters.Count], Gen.OneOf(ParameterNames), (args, wrong) =>
                    $"{name}({string.Join(", ", parameters.Select((p, i) => (i == 0 && args.Length > 1 && wrong.Length % 3 == 0 ? wrong : p) + ": " + args[i]))})"))));
        });

    /// <summary>What a loop runs over: mostly short, now and then long enough to reach the step limit (which takes a second or two).</summary>
    private static Gen<string> Collection(Gen<string> e) => Gen.Frequency<string>(
        (32, Gen.Int[0, 8].Select(n => $"1..{n}")),
        (16, Gen.OneOf("y", "order items", "customer.tags", "matrix", "empty", "[1, \"a\", null, @\"2024-01-01\", [2]]")),
        (16, e),
        (8, Gen.OneOf("-5..5", "@\"2024-01-01\"..@\"2024-01-05\"", "1..-3")),
        (4, Gen.Const("1..2000")),
        (1, Gen.Const("1..100000")));

    private static Gen<string> Test(Gen<string> e) => Gen.Frequency<string>(
        (3, e),
        (2, Gen.Select(Gen.OneOf("<", "<=", ">", ">=", "!="), e, (op, a) => $"{op} {a}")),
        (2, Gen.Select(Gen.OneOf("[", "(", "]"), e, e, Gen.OneOf("]", ")", "["), (open, a, b, close) => $"{open}{a}..{b}{close}")),
        (1, Gen.Const("null")));

    /// <summary>An expression nested <paramref name="depth"/> times in an opening construct and its closing counterpart.</summary>
    private static string Nest(string open, string inner, int depth)
    {
        var close = open switch
        {
            "(" or "not(" or "f(" => ")",
            "[" => "]",
            "{a: " => "}",
            "[1.." => "]",
            "if true then " => " else 0",
            _ => string.Empty,
        };
        return string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
    }
}

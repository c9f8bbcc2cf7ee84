using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Support;

/// <summary>Short ways to build values, call built-in functions directly and evaluate expressions in tests.</summary>
internal static class Feel
{
    /// <summary>The instant every test's <c>now()</c> returns: 2024-03-15T10:30:00Z, in Europe/Berlin (UTC+1 then).</summary>
    public static readonly DateTimeOffset Now = new(2024, 3, 15, 10, 30, 0, TimeSpan.Zero);

    public static readonly TestClock Clock = new(Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    public static readonly FeelEngine Engine = new(new FeelEngineOptions { Clock = Clock });

    public static FeelNumber N(decimal value) => new(value);

    public static FeelString S(string value) => new(value);

    public static FeelBoolean B(bool value) => FeelBoolean.Of(value);

    public static FeelList L(params FeelValue[] items) => new(items);

    public static FeelNull Null => FeelNull.Instance;

    public static FeelContext C(params (string Key, FeelValue Value)[] entries) =>
        new(entries.Select(e => new KeyValuePair<string, FeelValue>(e.Key, e.Value)));

    /// <summary>Calls a registered function with positional arguments, bypassing the parser.</summary>
    public static FeelValue Call(string name, params FeelValue[] args) => Call(name, args, out _);

    /// <summary>Calls a registered function and returns the warnings it recorded.</summary>
    public static FeelValue Call(string name, FeelValue[] args, out IReadOnlyList<FeelWarning> warnings)
    {
        var context = new FeelEvaluationContext(Clock, Engine.Functions);
        Assert.True(Engine.Functions.TryGet(name, out var function), $"function '{name}' is not registered");
        var result = function.Invoke(args, context);
        warnings = context.Warnings;
        return result;
    }

    /// <summary>Evaluates an expression with the test clock.</summary>
    public static FeelResult Evaluate(string expression, IFeelScope? variables = null) => Engine.Evaluate(expression, variables);

    /// <summary>Evaluates an expression and returns its value.</summary>
    public static FeelValue Eval(string expression, IFeelScope? variables = null) => Engine.Evaluate(expression, variables).Value;

    /// <summary>Evaluates an expression and renders its value as FEEL literal text (strings quoted), for compact assertions.</summary>
    public static string Show(string expression, IFeelScope? variables = null) => Render(Eval(expression, variables));

    /// <summary>Renders a value as FEEL literal text: strings quoted, lists and contexts recursively.</summary>
    public static string Render(FeelValue value) => value is FeelString s ? "\"" + s.Value + "\"" : value.ToString();
}

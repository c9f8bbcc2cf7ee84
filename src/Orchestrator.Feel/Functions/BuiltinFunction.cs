using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>A function from the registry, with one or more overloads chosen by argument count or by parameter names.</summary>
public sealed class BuiltinFunction : FeelFunction
{
    private readonly List<FeelFunctionOverload> _overloads = [];

    /// <summary>Creates a function with no overloads yet.</summary>
    public BuiltinFunction(string name) => Name = name;

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The overloads in the order they were registered.</summary>
    public IReadOnlyList<FeelFunctionOverload> Overloads => _overloads;

    internal void Add(FeelFunctionOverload overload) => _overloads.Add(overload);

    /// <inheritdoc />
    public override FeelValue Invoke(IReadOnlyList<FeelValue> arguments, FeelEvaluationContext context)
    {
        foreach (var overload in _overloads)
        {
            if (!overload.Variadic && overload.Parameters.Count == arguments.Count)
            {
                return Run(overload, [.. arguments], context);
            }
        }

        foreach (var overload in _overloads)
        {
            var fixedCount = overload.Parameters.Count - 1;
            if (overload.Variadic && arguments.Count >= fixedCount)
            {
                var args = new FeelValue[overload.Parameters.Count];
                for (var i = 0; i < fixedCount; i++)
                {
                    args[i] = arguments[i];
                }

                var rest = new FeelValue[arguments.Count - fixedCount];
                for (var i = 0; i < rest.Length; i++)
                {
                    rest[i] = arguments[fixedCount + i];
                }

                args[fixedCount] = new FeelList(rest);
                return Run(overload, args, context);
            }
        }

        return NotFound(arguments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " argument(s)", context);
    }

    /// <inheritdoc />
    public override FeelValue InvokeNamed(IReadOnlyList<KeyValuePair<string, FeelValue>> arguments, FeelEvaluationContext context)
    {
        foreach (var overload in _overloads)
        {
            if (overload.Parameters.Count != arguments.Count)
            {
                continue;
            }

            var args = new FeelValue[arguments.Count];
            var matched = 0;
            for (var i = 0; i < overload.Parameters.Count; i++)
            {
                foreach (var (name, value) in arguments)
                {
                    if (name == overload.Parameters[i])
                    {
                        args[i] = value;
                        matched++;
                        break;
                    }
                }
            }

            if (matched == arguments.Count)
            {
                if (overload.Variadic && args[^1] is not FeelList)
                {
                    args[^1] = new FeelList([args[^1]]);
                }

                return Run(overload, args, context);
            }
        }

        return NotFound("parameters " + string.Join(", ", arguments.Select(a => a.Key)), context);
    }

    private FeelValue Run(FeelFunctionOverload overload, FeelValue[] args, FeelEvaluationContext context)
    {
        // A built-in's work grows with what it is given; counting it keeps a loop over a large value within the step limit.
        foreach (var arg in args)
        {
            context.Step(arg is FeelString s ? s.Value.Length / 64 : FeelSize.Of(arg) - 1);
        }

        try
        {
            return overload.Body(args, context);
        }
        catch (Exception ex) when (ex is ArithmeticException or ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException
            && ex is not FeelLimitException)
        {
            // A body should return null itself; this keeps a missed edge case from escaping to the caller.
            // A limit is not the function's failure: it ends the whole evaluation.
            context.Warn(FeelWarningKind.FunctionInvocationFailure, $"{Name}: {ex.Message}");
            return FeelNull.Instance;
        }
    }

    private FeelNull NotFound(string what, FeelEvaluationContext context)
    {
        context.Warn(FeelWarningKind.NoFunctionFound, $"no function found with name '{Name}' and {what}");
        return FeelNull.Instance;
    }
}

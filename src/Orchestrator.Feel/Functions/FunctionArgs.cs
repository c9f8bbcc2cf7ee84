using System.Diagnostics.CodeAnalysis;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>Argument checks shared by the built-in function families: each returns false and records a warning on a mismatch.</summary>
internal static class FunctionArgs
{
    public static bool Number(string function, FeelValue value, FeelEvaluationContext context, out decimal number)
    {
        if (value is FeelNumber n)
        {
            number = n.Value;
            return true;
        }

        number = 0;
        return Mismatch(function, "number", value, context);
    }

    /// <summary>A number that must be a whole number within <see cref="int"/> (positions, lengths, scales).</summary>
    public static bool Integer(string function, FeelValue value, FeelEvaluationContext context, out int integer)
    {
        if (value is FeelNumber n && decimal.IsInteger(n.Value) && n.Value >= int.MinValue && n.Value <= int.MaxValue)
        {
            integer = (int)n.Value;
            return true;
        }

        integer = 0;
        return Mismatch(function, "whole number", value, context);
    }

    public static bool String(string function, FeelValue value, FeelEvaluationContext context, [NotNullWhen(true)] out string? text)
    {
        if (value is FeelString s)
        {
            text = s.Value;
            return true;
        }

        text = null;
        return Mismatch(function, "string", value, context);
    }

    public static bool Boolean(string function, FeelValue value, FeelEvaluationContext context, out bool flag)
    {
        if (value is FeelBoolean b)
        {
            flag = b.Value;
            return true;
        }

        flag = false;
        return Mismatch(function, "boolean", value, context);
    }

    public static bool List(string function, FeelValue value, FeelEvaluationContext context, [NotNullWhen(true)] out FeelList? list)
    {
        if (value is FeelList l)
        {
            list = l;
            return true;
        }

        list = null;
        return Mismatch(function, "list", value, context);
    }

    public static bool Context(string function, FeelValue value, FeelEvaluationContext context, [NotNullWhen(true)] out FeelContext? result)
    {
        if (value is FeelContext c)
        {
            result = c;
            return true;
        }

        result = null;
        return Mismatch(function, "context", value, context);
    }

    public static bool Function(string function, FeelValue value, FeelEvaluationContext context, [NotNullWhen(true)] out FeelFunction? result)
    {
        if (value is FeelFunction f)
        {
            result = f;
            return true;
        }

        result = null;
        return Mismatch(function, "function", value, context);
    }

    /// <summary>Records a failed invocation and returns FEEL null, for bodies to <c>return</c> directly.</summary>
    public static FeelNull Fail(string function, string message, FeelEvaluationContext context)
    {
        context.Warn(FeelWarningKind.FunctionInvocationFailure, $"{function}: {message}");
        return FeelNull.Instance;
    }

    private static bool Mismatch(string function, string expected, FeelValue actual, FeelEvaluationContext context)
    {
        context.Warn(FeelWarningKind.FunctionInvocationFailure, $"{function}: expected {expected} but found {actual.TypeName} '{FeelOperators.Brief(actual)}'");
        return false;
    }
}

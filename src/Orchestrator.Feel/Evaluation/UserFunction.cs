using System.Runtime.CompilerServices;
using Orchestrator.Feel.Syntax;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Evaluation;

/// <summary>
/// A function defined in an expression. It evaluates its body in the scope it was defined in plus
/// its parameters. Recursion is bounded: past <see cref="FeelEvaluationContext.MaxCallDepth"/> calls,
/// or when the thread's stack runs low, the call gives null and a warning instead of overflowing.
/// </summary>
internal sealed class UserFunction : FeelFunction
{
    private readonly string[] _parameters;
    private readonly Node _body;
    private readonly int _bodyWeight;
    private readonly Env? _closure;

    public UserFunction(string[] parameters, Node body, int bodyWeight, Env? closure)
    {
        _parameters = parameters;
        _body = body;
        _bodyWeight = bodyWeight;
        _closure = closure;
    }

    public override string Name => "anonymous";

    public IReadOnlyList<string> Parameters => _parameters;

    public override FeelValue Invoke(IReadOnlyList<FeelValue> arguments, FeelEvaluationContext context)
    {
        if (arguments.Count != _parameters.Length)
        {
            context.Warn(FeelWarningKind.FunctionInvocationFailure, $"function({string.Join(", ", _parameters)}) expects {_parameters.Length} argument(s) but got {arguments.Count}");
            return FeelNull.Instance;
        }

        var env = _closure;
        for (var i = 0; i < _parameters.Length; i++)
        {
            env = Env.Bind(env, _parameters[i], arguments[i]);
        }

        return Run(env, context);
    }

    public override FeelValue InvokeNamed(IReadOnlyList<KeyValuePair<string, FeelValue>> arguments, FeelEvaluationContext context)
    {
        var values = new FeelValue[_parameters.Length];
        Array.Fill(values, FeelNull.Instance);
        foreach (var (name, value) in arguments)
        {
            var index = Array.IndexOf(_parameters, name);
            if (index < 0)
            {
                context.Warn(FeelWarningKind.FunctionInvocationFailure, $"function({string.Join(", ", _parameters)}) has no parameter '{name}'");
                return FeelNull.Instance;
            }

            values[index] = value;
        }

        return Invoke(values, context);
    }

    private FeelValue Run(Env? env, FeelEvaluationContext context)
    {
        context.Step(_bodyWeight);
        if (context.CallDepth >= FeelEvaluationContext.MaxCallDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            context.Warn(FeelWarningKind.LimitExceeded, $"function calls nest more than {context.CallDepth} deep; is the recursion unbounded?");
            return FeelNull.Instance;
        }

        context.CallDepth++;
        try
        {
            return _body.Evaluate(env, context);
        }
        finally
        {
            context.CallDepth--;
        }
    }
}

using System.Diagnostics.CodeAnalysis;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Evaluation;

/// <summary>
/// The local variables visible at one point of an evaluation, as an immutable chain of frames:
/// a frame binds one name (iterator, parameter, <c>item</c>, <c>partial</c>, <c>?</c>) or opens a
/// whole scope (the caller's variables, a context being built, a filtered context item).
/// Inner frames shadow outer ones. Closures keep the chain they were created in.
/// </summary>
internal sealed class Env
{
    private readonly Env? _parent;
    private readonly string? _name;
    private readonly FeelValue? _value;
    private readonly IFeelScope? _scope;

    private Env(Env? parent, string? name, FeelValue? value, IFeelScope? scope)
    {
        _parent = parent;
        _name = name;
        _value = value;
        _scope = scope;
    }

    public static Env Bind(Env? parent, string name, FeelValue value) => new(parent, name, value, null);

    public static Env Open(Env? parent, IFeelScope scope) => new(parent, null, null, scope);

    public static bool TryLookup(Env? env, string name, [MaybeNullWhen(false)] out FeelValue value)
    {
        for (var frame = env; frame is not null; frame = frame._parent)
        {
            if (frame._scope is null)
            {
                if (string.Equals(frame._name, name, StringComparison.Ordinal))
                {
                    value = frame._value!;
                    return true;
                }
            }
            else if (frame._scope.TryGetVariable(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }
}

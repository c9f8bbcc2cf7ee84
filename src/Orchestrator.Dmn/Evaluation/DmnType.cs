using Orchestrator.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Evaluation;

/// <summary>A type a DMN variable, parameter or expression declares (a FEEL built-in or an item definition), and whether a value conforms.</summary>
internal abstract class DmnType
{
    public static readonly DmnType Any = new BuiltInType("Any", null);

    /// <summary>Its name, as warnings say it.</summary>
    public abstract string Name { get; }

    /// <summary>Whether values of the type are lists (an item definition with <c>isCollection</c>).</summary>
    public virtual DmnType? ItemType => null;

    /// <summary>Whether the value belongs to the type; null belongs to every type.</summary>
    public abstract bool Conforms(FeelValue value);
}

/// <summary>A FEEL built-in type: the value's FEEL type name must match; <c>Any</c> takes everything.</summary>
internal sealed class BuiltInType(string name, string? feelName) : DmnType
{
    public override string Name => name;

    public string? FeelName => feelName;

    public override bool Conforms(FeelValue value) => feelName is null || value is FeelNull || string.Equals(value.TypeName, feelName, StringComparison.Ordinal);
}

/// <summary>An item definition with <c>isCollection</c>: a list whose items all conform to the item type.</summary>
internal sealed class CollectionType(string name, DmnType item) : DmnType
{
    public override string Name => name;

    public override DmnType ItemType => item;

    public override bool Conforms(FeelValue value)
    {
        if (value is FeelNull)
        {
            return true;
        }

        if (value is not FeelList list)
        {
            return false;
        }

        foreach (var element in list.Span)
        {
            if (!item.Conforms(element))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>An item definition with components: a context whose entries conform to the components (a missing entry counts as null).</summary>
internal sealed class StructureType(string name, IReadOnlyList<(string Name, Func<DmnType> Type)> components) : DmnType
{
    public override string Name => name;

    public override bool Conforms(FeelValue value)
    {
        if (value is FeelNull)
        {
            return true;
        }

        if (value is not FeelContext context)
        {
            return false;
        }

        foreach (var (component, type) in components)
        {
            if (context.TryGetValue(component, out var entry) && !type().Conforms(entry))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A type narrowed by allowed values (<c>allowedValues</c> or <c>typeConstraint</c> unary tests).</summary>
internal sealed class ConstrainedType(string name, DmnType baseType, FeelUnaryTests allowed) : DmnType
{
    public override string Name => name;

    public override bool Conforms(FeelValue value) =>
        value is FeelNull || (baseType.Conforms(value) && allowed.Evaluate(value).Value is FeelBoolean { Value: true });
}

/// <summary>A named type resolved when first used, so item definitions may refer to each other (and to themselves) in any order.</summary>
internal sealed class DeferredType(string name, Func<DmnType> resolve) : DmnType
{
    private readonly Lazy<DmnType> _type = new(resolve);

    public override string Name => name;

    public override DmnType? ItemType => _type.Value.ItemType;

    public override bool Conforms(FeelValue value) =>
        System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()
            ? _type.Value.Conforms(value)
            : throw new DmnEvaluationException($"the type '{name}' is defined in terms of itself");
}

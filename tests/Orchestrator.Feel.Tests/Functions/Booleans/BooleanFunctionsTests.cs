using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Tests.Functions.Strings;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Functions.Booleans;

public class BooleanFunctionsTests
{
    [Fact]
    public void Not_IsThreeValued()
    {
        // Act + Assert
        Assert.Equal(B(false), Call("not", B(true)));
        Assert.Equal(B(true), Call("not", B(false)));
        Assert.Equal(Null, Call("not", Null));
    }

    [Fact]
    public void Not_Null_GivesNoWarning()
    {
        // Act
        Call("not", [Null], out var warnings);

        // Assert
        Assert.Empty(warnings);
    }

    [Fact]
    public void Not_NonBoolean_IsNullWithWarning()
    {
        // Act
        var result = Call("not", [N(1)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("expected boolean", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_NamedArgument()
    {
        // Act
        var result = NamedCall.Invoke("not", ("negand", B(true)));

        // Assert
        Assert.Equal(B(false), result);
    }

    [Fact]
    public void IsDefined_TrueForAnyValueButNull()
    {
        // Act + Assert
        Assert.Equal(B(true), Call("is defined", N(1)));
        Assert.Equal(B(true), Call("is defined", B(false)));
        Assert.Equal(B(true), Call("is defined", L()));
        Assert.Equal(B(false), Call("is defined", Null));
        Assert.Equal(B(false), NamedCall.Invoke("is defined", ("value", Null)));
    }

    [Fact]
    public void GetOrElse_DefaultOnlyForNull()
    {
        // Act + Assert
        Assert.Equal(S("this"), Call("get or else", S("this"), S("default")));
        Assert.Equal(S("default"), Call("get or else", Null, S("default")));
        Assert.Equal(Null, Call("get or else", Null, Null));
        Assert.Equal(B(false), NamedCall.Invoke("get or else", ("default", B(true)), ("value", B(false))));
    }

    [Fact]
    public void FromAi_IsItsValue_WhateverDescribesIt()
    {
        // Act + Assert: what the agent sent comes through; description, type, schema and options only describe it
        Assert.Equal(S("O-1"), Call("fromAi", S("O-1")));
        Assert.Equal(N(3), Call("fromAi", N(3), S("how many"), S("number")));
        Assert.Equal(Null, Call("fromAi", Null, S("the order id"), S("string"), Null, Null));
        Assert.Equal(S("x"), NamedCall.Invoke("fromAi", ("description", S("d")), ("value", S("x"))));
    }

    [Fact]
    public void Assert_ConditionTrue_ReturnsTheValue()
    {
        // Act
        var result = Call("assert", [N(4), B(true)], out var warnings);

        // Assert
        Assert.Equal(N(4), result);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void Assert_ConditionNotTrue_IsNullWithWarning(bool? condition)
    {
        // Act
        var result = Call("assert", [N(-1), condition is { } c ? B(c) : Null], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        var warning = Assert.Single(warnings);
        Assert.Equal(FeelWarningKind.AssertionFailure, warning.Kind);
        Assert.Contains("not fulfilled", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assert_WithCause_WarnsWithTheCause()
    {
        // Act
        var result = Call("assert", [N(-1), B(false), S("'x' should be positive")], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Equal("'x' should be positive", warnings.Single().Message);
    }

    [Fact]
    public void Assert_NamedArguments()
    {
        // Act
        var result = NamedCall.Invoke("assert", ("condition", B(true)), ("value", S("ok")), ("cause", S("never")));

        // Assert
        Assert.Equal(S("ok"), result);
    }
}

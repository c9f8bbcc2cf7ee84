using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Json;

public class FeelJsonTests
{
    [Fact]
    public void FromJson_MapsObjectsArraysAndScalarsInOrder()
    {
        // Act
        var value = FeelJson.FromJson("""{"b": 1.50, "a": [true, null, "x"], "c": {"d": -2e3}}""");

        // Assert
        var context = Assert.IsType<FeelContext>(value);
        Assert.Equal(["b", "a", "c"], context.Keys);
        Assert.Equal(1.50m, Assert.IsType<FeelNumber>(context["b"]).Value);
        Assert.Equal("[true, null, \"x\"]", context["a"].ToString());
        Assert.Equal(-2000m, Assert.IsType<FeelNumber>(Assert.IsType<FeelContext>(context["c"])["d"]).Value);
    }

    [Fact]
    public void FromJson_KeepsDecimalDigitsExactly()
    {
        // Act
        var value = FeelJson.FromJson("0.1");

        // Assert: a double would make 0.1 + 0.2 = 0.30000000000000004.
        Assert.Equal("0.3", Show("x + 0.2", C(("x", value))));
    }

    [Fact]
    public void FromJson_NumberBeyondDecimalRange_IsNull()
    {
        // Act
        var value = FeelJson.FromJson("1e40");

        // Assert
        Assert.IsType<FeelNull>(value);
    }

    [Theory]
    [InlineData("1e2", "100")]
    [InlineData("-2.50E-1", "-0.25")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("1.23456789012345678901234567890123", "1.2345678901234567890123456789")]
    [InlineData("1e-40", "0")]
    public void FromJson_Number_IsTheDecimalOfItsText(string json, string expected)
    {
        // Act
        var value = FeelJson.FromJson(json);

        // Assert: beyond 28 significant digits decimal rounds, as decimal.Parse does.
        Assert.Equal(expected, Assert.IsType<FeelNumber>(value).ToString());
    }

    [Fact]
    public void FromJson_Malformed_Throws()
    {
        // Act / Assert
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => FeelJson.FromJson("{oops"));
    }

    [Theory]
    [InlineData("1.10", "1.1")]
    [InlineData("-0.0", "0")]
    [InlineData("\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"")]
    [InlineData("[1, {a: date(\"2019-01-01\")}]", "[1,{\"a\":\"2019-01-01\"}]")]
    [InlineData("(1..5]", "{\"start\":1,\"end\":5,\"startIncluded\":false,\"endIncluded\":true}")]
    [InlineData("< date(\"2019-01-01\")", "{\"start\":null,\"end\":\"2019-01-01\",\"startIncluded\":false,\"endIncluded\":false}")]
    [InlineData("\"售后\"", "\"售后\"")]
    public void ToJsonString_RendersFeelValues(string expression, string json)
    {
        // Act
        var result = FeelJson.ToJsonString(Eval(expression));

        // Assert
        Assert.Equal(json, result);
    }

    [Fact]
    public void RoundTrip_ThroughJson_GivesAnEqualValue()
    {
        // Arrange
        var original = Eval("{id: \"R-1\", items: [{sku: \"A\", qty: 2, price: 19.99}], vip: true, note: null}");

        // Act
        var copy = FeelJson.FromJson(FeelJson.ToJsonString(original));

        // Assert
        Assert.Equal(original, copy);
    }

    [Theory]
    [InlineData("""{"a": "\ud800"}""")]
    [InlineData("""{"\udc00": 1}""")]
    [InlineData("""["x\udbff"]""")]
    public void Bug_LoneSurrogateEscapeThrewInvalidOperationInsteadOfJsonException(string json)
    {
        // Arrange: valid JSON syntax whose string no .NET string can hold; the server answered 500 for such variables.
        using var document = System.Text.Json.JsonDocument.Parse(json);

        // Act
        var fromElement = Record.Exception(() => FeelJson.FromJson(document.RootElement));
        var fromText = Record.Exception(() => FeelJson.FromJson(json));

        // Assert
        Assert.IsType<System.Text.Json.JsonException>(fromElement);
        Assert.IsType<System.Text.Json.JsonException>(fromText);
    }

    [Fact]
    public void Write_ValueNestedBeyondTheWritersDepth_Throws()
    {
        // Arrange
        FeelValue value = FeelList.Empty;
        for (var i = 0; i < 1_000; i++)
        {
            value = L(value);
        }

        // Act / Assert
        Assert.Throws<InvalidOperationException>(() => FeelJson.ToJsonString(value));
    }

    [Fact]
    public void FromJsonElement_KeepsEntryOrderAndLastOfRepeatedKeys()
    {
        // Arrange
        using var document = System.Text.Json.JsonDocument.Parse("""{"z": 1, "a": 2, "z": 3}""");

        // Act
        var value = Assert.IsType<FeelContext>(FeelJson.FromJson(document.RootElement));

        // Assert
        Assert.Equal(["z", "a"], value.Keys);
        Assert.Equal("3", value["z"].ToString());
    }
}

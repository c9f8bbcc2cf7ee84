using System.Text;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Tests.Validation;

/// <summary>Models a client may deploy to hurt the server: each is refused with a problem, never a crash (found by review).</summary>
public sealed class HostileModelTests
{
    private const string Head = """<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="hostile" name="hostile" namespace="https://example.com/hostile">""";

    [Fact]
    public void Bug_an_item_definition_defined_in_terms_of_itself_overflowed_the_stack_when_a_value_was_checked()
    {
        var xml = Head + """
              <itemDefinition name="t"><typeRef>u</typeRef></itemDefinition>
              <itemDefinition name="u"><typeRef>t</typeRef></itemDefinition>
              <decision id="selfType" name="selfType"><variable name="selfType" typeRef="t" /><literalExpression><text>1</text></literalExpression></decision>
            </definitions>
            """;

        var problems = DmnEngine.Default.Validate([new DmnSource("hostile.dmn", xml)]);

        Assert.Contains(problems, p => p.Message.Contains("'t' is defined in terms of itself: t → u → t", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("'u' is defined in terms of itself: u → t → u", StringComparison.Ordinal));
    }

    [Fact]
    public void Bug_expressions_nested_thousands_deep_overflowed_the_stack_while_parsing()
    {
        // 150 levels: past the expressions' limit, within the XML's (ModelXml.MaxDepth; deeper XML is refused before it is read).
        var xml = new StringBuilder(Head).Append("""<decision id="deep" name="deep">""");
        for (var i = 0; i < 150; i++)
        {
            xml.Append("<list>");
        }

        xml.Append("<literalExpression><text>1</text></literalExpression>");
        for (var i = 0; i < 150; i++)
        {
            xml.Append("</list>");
        }

        xml.Append("</decision></definitions>");

        var problem = Assert.Single(DmnEngine.Default.Validate([new DmnSource("deep.dmn", xml.ToString())]));

        Assert.Contains("nested more than 64 levels deep", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_evaluates()
    {
        var xml = new StringBuilder(Head).Append("""<decision id="deep" name="deep">""");
        for (var i = 0; i < 63; i++)
        {
            xml.Append("<list>");
        }

        xml.Append("<literalExpression><text>1</text></literalExpression>");
        for (var i = 0; i < 63; i++)
        {
            xml.Append("</list>");
        }

        xml.Append("</decision></definitions>");

        var value = DmnEngine.Default.Parse("deep.dmn", xml.ToString()).Evaluate(null, "deep", null).Value;

        Assert.Equal(63, value.Depth);
    }

    [Fact]
    public void Bug_an_id_of_thousands_of_characters_stopped_the_node_on_postgresql()
    {
        var id = new string('d', 9_000);
        var xml = Head + $"""<decision id="{id}" name="long"><literalExpression><text>1</text></literalExpression></decision></definitions>""";

        var problem = Assert.Single(DmnEngine.Default.Validate([new DmnSource("long.dmn", xml)]));

        Assert.Contains("9000 characters long; at most 256", problem.Message, StringComparison.Ordinal);
        Assert.IsType<FeelNumber>(DmnEngine.Default.Parse("short.dmn", xml.Replace(id, "short", StringComparison.Ordinal)).Evaluate(null, "long", null).Value);
    }
}

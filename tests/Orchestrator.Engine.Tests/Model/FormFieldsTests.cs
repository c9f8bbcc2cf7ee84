using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Tests.Model;

/// <summary>
/// <see cref="FormFields"/> names what form-js submits (its <c>_getSubmitData</c>: each keyed field's value path, a field
/// whose own <c>disabled</c> is truthy left out): more would let an agent set what the form does not ask for, less would refuse
/// the task list's own completion.
/// </summary>
public class FormFieldsTests
{
    [Theory]
    [InlineData("""[{"type": "textfield", "key": "note"}, {"type": "number", "key": "amount"}]""", "amount,note")]
    [InlineData("""[{"type": "textfield", "key": "address.city"}]""", "address")]
    [InlineData("""[{"type": "group", "path": "address", "components": [{"type": "textfield", "key": "city"}]}]""", "address")]
    [InlineData("""[{"type": "group", "components": [{"type": "radio", "key": "decision"}]}]""", "decision")]
    [InlineData("""[{"type": "dynamiclist", "path": "items", "isRepeating": true, "components": [{"type": "textfield", "key": "sku"}]}]""", "items")]
    [InlineData("""[{"type": "expression", "key": "total"}, {"type": "filepicker", "key": "photo"}, {"type": "my-custom", "key": "custom"}]""", "custom,photo,total")]
    public void Names_the_variables_the_form_submits(string components, string expected) =>
        Assert.Equal(expected.Split(','), FormFields.Variables(Form(components)));

    [Fact]
    public void Bug_a_disabled_group_left_out_its_fields_that_form_js_submits()
    {
        // form-js leaves out a field whose own "disabled" is set; a container's does not reach its fields.
        var form = Form("""[{"type": "group", "disabled": true, "components": [{"type": "textfield", "key": "note"}]}, {"type": "textfield", "key": "secret", "disabled": true}]""");

        Assert.Equal(["note"], FormFields.Variables(form));
    }

    [Fact]
    public void Disabled_is_read_as_javascript_reads_it()
    {
        // `if (disabled)`: any non-empty string is true, "false" included; 0 and "" are not.
        var form = Form("""
            [{"type": "textfield", "key": "a", "disabled": "false"}, {"type": "textfield", "key": "b", "disabled": 0},
             {"type": "textfield", "key": "c", "disabled": ""}, {"type": "textfield", "key": "d", "disabled": 1}]
            """);

        Assert.Equal(["b", "c"], FormFields.Variables(form));
    }

    [Fact]
    public void Fields_that_show_rather_than_ask_set_nothing_whatever_key_they_carry()
    {
        var form = Form("""
            [{"type": "button", "key": "submit", "action": "submit"}, {"type": "text", "key": "intro"}, {"type": "table", "key": "rows"},
             {"type": "html", "key": "h"}, {"type": "image", "key": "i"}, {"type": "iframe", "key": "f"}, {"type": "spacer", "key": "s"},
             {"type": "separator", "key": "p"}, {"type": "documentPreview", "key": "d"}]
            """);

        Assert.Empty(FormFields.Variables(form));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"id": "f"}""")]
    [InlineData("""{"id": "f", "components": [{"type": "textfield", "key": "\ud800"}]}""")]
    public void What_is_no_form_sets_nothing(string schema) => Assert.Empty(FormFields.Variables(schema));

    private static string Form(string components) => $$"""{"id": "f", "type": "default", "components": {{components}}}""";
}

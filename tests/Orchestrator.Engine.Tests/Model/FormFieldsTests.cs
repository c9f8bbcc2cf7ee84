using Orchestrator.Engine.Model;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

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
        Assert.Equal(expected.Split(','), FormFields.Of(Form(components)).Variables);

    [Fact]
    public void Bug_a_disabled_group_left_out_its_fields_that_form_js_submits()
    {
        // form-js leaves out a field whose own "disabled" is set; a container's does not reach its fields.
        var form = Form("""[{"type": "group", "disabled": true, "components": [{"type": "textfield", "key": "note"}]}, {"type": "textfield", "key": "secret", "disabled": true}]""");

        Assert.Equal(["note"], FormFields.Of(form).Variables);
    }

    [Fact]
    public void Disabled_is_read_as_javascript_reads_it()
    {
        // `if (disabled)`: any non-empty string is true, "false" included; 0 and "" are not.
        var form = Form("""
            [{"type": "textfield", "key": "a", "disabled": "false"}, {"type": "textfield", "key": "b", "disabled": 0},
             {"type": "textfield", "key": "c", "disabled": ""}, {"type": "textfield", "key": "d", "disabled": 1}]
            """);

        Assert.Equal(["b", "c"], FormFields.Of(form).Variables);
    }

    [Fact]
    public void Fields_that_show_rather_than_ask_set_nothing_whatever_key_they_carry()
    {
        var form = Form("""
            [{"type": "button", "key": "submit", "action": "submit"}, {"type": "text", "key": "intro"}, {"type": "table", "key": "rows"},
             {"type": "html", "key": "h"}, {"type": "image", "key": "i"}, {"type": "iframe", "key": "f"}, {"type": "spacer", "key": "s"},
             {"type": "separator", "key": "p"}, {"type": "documentPreview", "key": "d"}]
            """);

        Assert.Empty(FormFields.Of(form).Variables);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"id": "f"}""")]
    [InlineData("""{"id": "f", "components": [{"type": "textfield", "key": "\ud800"}]}""")]
    public void What_is_no_form_sets_nothing(string schema) => Assert.Empty(FormFields.Of(schema).Variables);

    [Fact]
    public void Bug_an_agent_could_grant_a_compensation_no_offer_held()
    {
        // complaint-resolve.form offers the compensations its task computed (valuesKey); a tier-1 agent sent 999999 by hand.
        var form = FormFields.Of(Form("""[{"type": "radio", "key": "compensation", "valuesKey": "compensationOffers"}]"""));
        var offers = Visible("compensationOffers", FeelJson.FromJson("""[{"label": "none", "value": 0}, {"label": "20 EUR", "value": 20}]"""));

        Assert.Null(form.Check(Submitted("compensation", FeelNumber.Of(20)), offers));
        Assert.Null(form.Check(Submitted("compensation", FeelNull.Instance), offers));
        Assert.Equal("compensation: 999999 is not one of the options the form offered", form.Check(Submitted("compensation", FeelNumber.Of(999999)), offers));
        // No offers where the task stands: nothing to choose from.
        Assert.NotNull(form.Check(Submitted("compensation", FeelNumber.Of(20)), Visible("other", FeelNull.Instance)));
    }

    [Theory]
    [InlineData("""{"type": "select", "key": "m", "values": [{"label": "A", "value": "a"}]}""", "\"a\"", null)]
    [InlineData("""{"type": "select", "key": "m", "values": [{"label": "A", "value": "a"}]}""", "\"z\"", "m: \"z\" is not one of the options the form offered")]
    [InlineData("""{"type": "checklist", "key": "m", "values": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}]}""", "[\"b\", \"a\"]", null)]
    [InlineData("""{"type": "checklist", "key": "m", "values": [{"label": "A", "value": "a"}]}""", "[\"a\", \"x\"]", "m: \"x\" is not one of the options the form offered")]
    [InlineData("""{"type": "taglist", "key": "m", "values": [{"label": "A", "value": "a"}]}""", "\"a\"", "m: must be a list of the options offered, not string")]
    [InlineData("""{"type": "radio", "key": "m", "valuesExpression": "=options"}""", "\"anything\"", null)]
    [InlineData("""{"type": "number", "key": "m", "validate": {"min": 1, "max": 5}}""", "5", null)]
    [InlineData("""{"type": "number", "key": "m", "validate": {"min": 1, "max": 5}}""", "6", "m: 6 is not at most 5, as the form asks")]
    [InlineData("""{"type": "number", "key": "m", "validate": {"min": 1}}""", "\"0.5\"", "m: 0.5 is not at least 1, as the form asks")]
    [InlineData("""{"type": "number", "key": "m"}""", "\"\"", null)]
    [InlineData("""{"type": "number", "key": "m"}""", "true", "m: must be a number, not boolean")]
    [InlineData("""{"type": "textfield", "key": "m", "validate": {"maxLength": 3}}""", "\"abcd\"", "m: is 4 characters long; the form allows 3")]
    [InlineData("""{"type": "textarea", "key": "m"}""", "{\"a\": 1}", "m: must be text, not context")]
    [InlineData("""{"type": "checkbox", "key": "m"}""", "\"yes\"", "m: must be true or false, not string")]
    [InlineData("""{"type": "datetime", "key": "m"}""", "\"2026-12-07\"", null)]
    public void Holds_a_value_to_what_its_field_offers_and_allows(string field, string json, string? expected) =>
        Assert.Equal(expected, FormFields.Of(Form($"[{field}]")).Check(Submitted("m", FeelJson.FromJson(json)), Visible("x", FeelNull.Instance)));

    [Fact]
    public void A_read_only_field_submits_what_it_showed()
    {
        // form-js submits read-only fields too: with the value it showed (the variable, else the default), at most emptied.
        var form = FormFields.Of(Form("""
            [{"type": "textfield", "key": "customerId", "readonly": true}, {"type": "number", "key": "limit", "readonly": true, "defaultValue": 5},
             {"type": "textfield", "key": "note", "readonly": "=locked"}]
            """));
        var visible = Visible("customerId", new FeelString("C-1"));

        Assert.Null(form.Check(Submitted("customerId", new FeelString("C-1")), visible));
        Assert.Null(form.Check(Submitted("customerId", new FeelString("")), visible));
        Assert.Equal("customerId: is read-only in the form: it stays \"C-1\"", form.Check(Submitted("customerId", new FeelString("C-2")), visible));
        Assert.Null(form.Check(Submitted("limit", FeelNumber.Of(5)), visible));
        Assert.Equal("limit: is read-only in the form: it stays 5", form.Check(Submitted("limit", FeelNumber.Of(6)), visible));
        // A FEEL condition is the browser's to evaluate.
        Assert.Null(form.Check(Submitted("note", new FeelString("changed")), visible));
    }

    [Fact]
    public void What_the_browser_submits_for_what_it_was_given_passes()
    {
        // Found by a read of form-js against these rules: each of these is what the task list sends for what it showed.
        var form = FormFields.Of(Form("""
            [{"type": "textfield", "key": "orderValue", "readonly": true}, {"type": "textarea", "key": "description", "readonly": true},
             {"type": "radio", "key": "share", "valuesKey": "shares", "values": [{"label": "none", "value": "none"}]},
             {"type": "checklist", "key": "tags", "readonly": true, "values": [{"label": "A", "value": "a"}]},
             {"type": "textfield", "key": "note", "validate": {"maxLength": 5}},
             {"type": "textfield", "key": "answers.1"},
             {"type": "dynamiclist", "path": "single", "isRepeating": false, "components": [{"type": "textfield", "key": "x"}]},
             {"type": "dynamiclist", "path": "items", "isRepeating": true, "components": [{"type": "textfield", "key": "id", "readonly": true}]}]
            """));
        var visible = new Dictionary<string, FeelValue>(StringComparer.Ordinal)
        {
            // A text field shows a number as text, a line break as a space.
            ["orderValue"] = FeelNumber.Of(120),
            ["description"] = new FeelString("broken\non arrival"),
            // JavaScript holds about 16 digits of a FEEL number; valuesKey comes before static values.
            ["shares"] = FeelJson.FromJson("""[{"label": "a third", "value": 33.333333333333333333333333333}]"""),
            ["tags"] = FeelJson.FromJson("""["a", "retired"]"""),
            ["items"] = FeelJson.FromJson("""[{"id": "A"}, {"id": "B"}]"""),
        };

        Assert.Null(form.Check(Submitted("orderValue", new FeelString("120")), visible));
        Assert.Null(form.Check(Submitted("description", new FeelString("broken on arrival")), visible));
        Assert.Null(form.Check(Submitted("share", FeelJson.FromJson("33.333333333333336")), visible));
        // A read-only list drops what its options no longer hold.
        Assert.Null(form.Check(Submitted("tags", FeelJson.FromJson("""["a"]""")), visible));
        // form-js measures text trimmed.
        Assert.Null(form.Check(Submitted("note", new FeelString("hello ")), visible));
        // A number in a key makes a list there.
        Assert.Null(form.Check(Submitted("answers", FeelJson.FromJson("""[null, "x"]""")), visible));
        Assert.Null(form.Check(Submitted("single", FeelJson.FromJson("""{"x": "y"}""")), visible));
        // An entry removed in the browser moves the others up.
        Assert.Null(form.Check(Submitted("items", FeelJson.FromJson("""[{"id": "B"}]""")), visible));

        Assert.NotNull(form.Check(Submitted("orderValue", new FeelString("121")), visible));
        Assert.NotNull(form.Check(Submitted("share", FeelNumber.Of(34)), visible));
        Assert.NotNull(form.Check(Submitted("tags", FeelJson.FromJson("""["a", "b"]""")), visible));
    }

    [Fact]
    public void A_variable_two_fields_set_is_not_held_to_either_fields_rules()
    {
        var form = FormFields.Of(Form("""[{"type": "number", "key": "m", "validate": {"max": 1}}, {"type": "textfield", "key": "m"}]"""));

        Assert.Null(form.Check(Submitted("m", new FeelString("x")), Visible("x", FeelNull.Instance)));
    }

    [Fact]
    public void Bug_a_dotted_key_let_an_agent_set_the_whole_object_it_names_into()
    {
        // form-js submits {order: {note: …}} for a field keyed order.note: anything else in that object is not the form's.
        var form = FormFields.Of(Form("""
            [{"type": "textfield", "key": "order.note"}, {"type": "number", "key": "order.amount", "validate": {"max": 10}},
             {"type": "group", "path": "address", "components": [{"type": "select", "key": "country", "values": [{"label": "DE", "value": "DE"}]}]},
             {"type": "dynamiclist", "path": "items", "isRepeating": true, "components": [{"type": "number", "key": "quantity", "validate": {"min": 1}}]}]
            """));
        var none = Visible("x", FeelNull.Instance);

        Assert.Null(form.Check(Submitted("order", FeelJson.FromJson("""{"note": "ok", "amount": 5}""")), none));
        Assert.Equal("order.customerId: the form has no such field", form.Check(Submitted("order", FeelJson.FromJson("""{"note": "ok", "customerId": "C-2"}""")), none));
        Assert.Equal("order.amount: 50 is not at most 10, as the form asks", form.Check(Submitted("order", FeelJson.FromJson("""{"amount": 50}""")), none));
        Assert.Equal("order: must be a context of the form's fields, not string", form.Check(Submitted("order", new FeelString("everything")), none));
        Assert.Null(form.Check(Submitted("address", FeelJson.FromJson("""{"country": "DE"}""")), none));
        Assert.Equal("address.country: \"FR\" is not one of the options the form offered", form.Check(Submitted("address", FeelJson.FromJson("""{"country": "FR"}""")), none));
        Assert.Null(form.Check(Submitted("items", FeelJson.FromJson("""[{"quantity": 2}, {"quantity": 1}]""")), none));
        Assert.Equal("items[2]: must be a context of the form's fields, not number", form.Check(Submitted("items", FeelJson.FromJson("""[{"quantity": 2}, 7]""")), none));
        Assert.Equal("items[1].sku: the form has no such field", form.Check(Submitted("items", FeelJson.FromJson("""[{"quantity": 2, "sku": "X"}]""")), none));
        Assert.Equal("items[1].quantity: 0 is not at least 1, as the form asks", form.Check(Submitted("items", FeelJson.FromJson("""[{"quantity": 0}]""")), none));
        Assert.Equal("items: must be a list, not context", form.Check(Submitted("items", FeelJson.FromJson("""{"quantity": 2}""")), none));
    }

    private static Dictionary<string, FeelValue> Submitted(string name, FeelValue value) => new(StringComparer.Ordinal) { [name] = value };

    private static Dictionary<string, FeelValue> Visible(string name, FeelValue value) => new(StringComparer.Ordinal) { [name] = value };

    private static string Form(string components) => $$"""{"id": "f", "type": "default", "components": {{components}}}""";
}

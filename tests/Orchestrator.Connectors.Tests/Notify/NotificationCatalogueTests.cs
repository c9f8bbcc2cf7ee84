using Orchestrator.Connectors.Notify;
using Orchestrator.Feel;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Tests.Notify;

/// <summary>The message catalogue: parsing, placeholders, the fallback to en, problems with file and line, reloading.</summary>
public sealed class NotificationCatalogueTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-").FullName;

    [Fact]
    public void Placeholders_read_the_data_the_link_and_the_customer_numbers_without_trailing_zeros_and_null_as_nothing()
    {
        // Arrange
        Write("refund-issued", "en", """
            subject: Refund for {{ orderId }}

            Hello {{ customerId }} ({{ language }}),

            Amount: {{ amount }} / {{ fee }} / {{ total }}{{ missing }}
            {{ if reference = null then "" else "Reference: " + reference }}
            {{ if trackingUrl = null then "" else "Follow your case: " + trackingUrl }}

            """);

        // Act
        var message = Catalogue().Render("refund-issued", "en", Data("""{"orderId": "O-1", "amount": 899.00, "fee": 12.50, "total": 911.5, "reference": null}"""), "C-7", "http://shop.test/track/t1");

        // Assert
        Assert.NotNull(message);
        Assert.Equal("Refund for O-1", message.Subject);
        Assert.Equal("Hello C-7 (en),\n\nAmount: 899 / 12.5 / 911.5\nFollow your case: http://shop.test/track/t1", message.Body);
    }

    [Fact]
    public void A_line_of_placeholders_that_render_to_nothing_is_left_out_and_trailing_blank_lines_dropped()
    {
        // Arrange
        Write("note", "en", """
            subject: Note

            First
            {{ if reference = null then "" else "Reference: " + reference }}
            Last

            {{ if trackingUrl = null then "" else "Follow your case: " + trackingUrl }}
            """);

        // Act
        var message = Catalogue().Render("note", "en", null, "C-7", null);

        // Assert
        Assert.Equal("First\nLast", message!.Body);
    }

    [Fact]
    public void A_language_without_a_file_falls_back_to_its_primary_subtag_then_to_en()
    {
        // Arrange
        Write("hello", "en", "subject: Hello {{ language }}\n\nHi");
        Write("hello", "de", "subject: Hallo {{ language }}\n\nHallo");
        Write("hello", "zh-CN", "subject: 您好 {{ language }}\n\n您好");
        var catalogue = Catalogue();

        // Act
        var austrian = catalogue.Render("hello", "de-AT", null, "C-7", null);
        var french = catalogue.Render("hello", "fr", null, "C-7", null);
        var chinese = catalogue.Render("hello", "zh-cn", null, "C-7", null);

        // Assert
        Assert.Equal(("de", "Hallo de"), (austrian!.Language, austrian.Subject));
        Assert.Equal(("en", "Hello en"), (french!.Language, french.Subject));
        Assert.Equal(("zh-CN", "您好 zh-CN"), (chinese!.Language, chinese.Subject));
    }

    [Fact]
    public void An_unknown_template_or_one_without_en_renders_nothing()
    {
        // Arrange
        Write("only-german", "de", "subject: Hallo\n\nHallo");
        var catalogue = Catalogue();

        // Act, Assert
        Assert.Null(catalogue.Render("nope", "en", null, "C-7", null));
        Assert.Null(catalogue.Render("only-german", "th", null, "C-7", null));
        Assert.Null(new NotificationCatalogue(Path.Combine(_folder, "missing"), FeelEngine.Default).Render("only-german", "de", null, "C-7", null));
    }

    [Fact]
    public void A_file_that_does_not_parse_names_file_and_line_and_cannot_be_sent()
    {
        // Arrange
        var path = Write("broken", "en", "subject: Order {{ orderId }}\n\nHello,\n\nAmount: {{ amount + }}\nEnd {{ orderId\n");
        Write("headless", "en", "Hello\n\nbody");
        var catalogue = Catalogue();

        // Act
        var problems = catalogue.Files.SelectMany(f => f.Problems).Select(p => p.ToString()).ToList();
        var error = Assert.Throws<NotificationTemplateException>(() => catalogue.Render("broken", "en", Data("""{"orderId": "O-1"}"""), "C-7", null));

        // Assert
        Assert.Contains(problems, p => p.StartsWith($"{path}:5: -: the placeholder {{{{ amount + }}}} is not valid FEEL", StringComparison.Ordinal));
        Assert.Contains($"{path}:6: -: '{{{{' at column 5 is not closed by '}}}}' on the same line", problems);
        Assert.Contains(problems, p => p.EndsWith("headless/en.txt:1: -: the first line must be 'subject: …'", StringComparison.Ordinal));
        Assert.Contains("notification template 'broken' (en)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_whose_FEEL_fails_names_template_language_line_and_placeholder()
    {
        // Arrange
        var path = Write("refund-issued", "de", "subject: Erstattung\n\nBetrag: {{ \"EUR \" + amount }}");

        // Act
        var error = Assert.Throws<NotificationTemplateException>(() => Catalogue().Render("refund-issued", "de", Data("""{"amount": 12.5}"""), "C-7", null));
        var context = Assert.Throws<NotificationTemplateException>(() => Catalogue().Render("refund-issued", "de", null, "C-7", null));

        // Assert
        Assert.Equal(
            $"notification template 'refund-issued' (de, {path}:3): the placeholder {{{{ \"EUR \" + amount }}}} failed: InvalidType: can't apply '+' to '\"EUR \"' (string) and '12.5' (number)",
            error.Message);
        Assert.Contains("'null' (null)", context.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_that_gives_a_context_or_list_fails()
    {
        // Arrange
        Write("lines", "en", "subject: Lines\n\n{{ items }}");

        // Act
        var error = Assert.Throws<NotificationTemplateException>(() => Catalogue().Render("lines", "en", Data("""{"items": [1, 2]}"""), "C-7", null));

        // Assert
        Assert.Contains("it gives a list, not text, a number, a boolean, a date or null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_added_or_removed_file_is_read_again_on_next_use()
    {
        // Arrange
        var path = Write("hello", "en", "subject: Hello\n\nversion 1");
        var catalogue = Catalogue();
        var first = catalogue.Render("hello", "en", null, "C-7", null);

        // Act: the same size, saved later
        File.WriteAllText(path, "subject: Hello\n\nversion 2");
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));
        var changed = catalogue.Render("hello", "en", null, "C-7", null);
        Write("hello", "th", "subject: สวัสดี\n\nversion 1");
        var added = catalogue.Render("hello", "th", null, "C-7", null);
        File.Delete(path);
        var removed = catalogue.Render("hello", "en", null, "C-7", null);

        // Assert
        Assert.Equal("version 1", first!.Body);
        Assert.Equal("version 2", changed!.Body);
        Assert.Equal("th", added!.Language);
        Assert.Null(removed);
    }

    [Fact]
    public void The_values_a_placeholder_sees_cannot_be_faked_by_the_data()
    {
        // Arrange
        Write("hello", "en", "subject: {{ customerId }} {{ language }} {{ trackingUrl }}\n\nHi");

        // Act
        var message = Catalogue().Render("hello", "en", Data("""{"customerId": "X", "language": "xx", "trackingUrl": "http://evil.test"}"""), "C-7", null);

        // Assert
        Assert.Equal("C-7 en ", message!.Subject);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private NotificationCatalogue Catalogue() => new(_folder, FeelEngine.Default);

    private string Write(string template, string language, string text)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, template)).FullName;
        var path = Path.Combine(folder, language + ".txt");
        File.WriteAllText(path, text);
        return path;
    }

    private static FeelContext Data(string json) => (FeelContext)FeelJson.FromJson(json);
}

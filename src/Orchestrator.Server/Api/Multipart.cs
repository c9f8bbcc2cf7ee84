using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Limits;

namespace Orchestrator.Server.Api;

/// <summary>Multipart uploads of models and forms: their size limit and a malformed body answered as 400, not 500.</summary>
public static class Multipart
{
    /// <summary>Lets the route take bodies up to <see cref="LimitsOptions.DeploymentMaxBytes"/> instead of the request limit.</summary>
    public static RouteHandlerBuilder AcceptsModels(this RouteHandlerBuilder route, IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(routes);
        var limit = routes.ServiceProvider.GetRequiredService<IOptions<LimitsOptions>>().Value.DeploymentMaxBytes;
        return route.WithMetadata(new RequestSizeLimitAttribute(limit)).DisableAntiforgery();
    }

    /// <summary>The form of a multipart request.</summary>
    /// <exception cref="ApiException">The body is not a well-formed multipart body (400).</exception>
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception malformed) when (malformed is InvalidDataException or IOException)
        {
            // A body that ends before its boundary reads as an IOException ("unexpected end of stream").
            throw ApiException.Invalid($"the multipart body is malformed: {malformed.Message}");
        }
    }

    /// <summary>The text of an uploaded file, refused with 413 when it is larger than the deployment limit.</summary>
    public static async Task<string> ReadTextAsync(IFormFile file, IOptions<LimitsOptions> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(limits);
        if (file.Length > limits.Value.DeploymentMaxBytes)
        {
            throw ApiException.TooLarge($"resource '{file.FileName}' is larger than {limits.Value.DeploymentMaxBytes} bytes (Limits:DeploymentMaxBytes)");
        }

        await using var stream = file.OpenReadStream();
        return await Utf8TextAsync(file.FileName, stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <paramref name="stream"/> to its end as <see cref="Utf8Text"/> does.</summary>
    /// <exception cref="ApiException">The bytes are not UTF-8 (400).</exception>
    public static async Task<string> Utf8TextAsync(string name, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Utf8Text(name, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>
    /// The text of a resource, which must be UTF-8 (or carry a UTF-16 byte order mark): a byte that is not UTF-8 is refused
    /// with its line, where a lenient decoder would silently turn it into U+FFFD in a name, an id or an expression.
    /// </summary>
    /// <exception cref="ApiException">The bytes are not UTF-8 (400).</exception>
    private static string Utf8Text(string name, ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var utf16 = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return utf16.GetString(bytes[2..]);
        }

        var text = bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        var chars = new char[text.Length];
        var status = Utf8.ToUtf16(text, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var before = text[..read];
        var line = before.Count((byte)'\n') + 1;
        var column = read - (before.LastIndexOf((byte)'\n') + 1) + 1;
        throw ApiException.Invalid(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(name)}:{line}: -: the resource is not UTF-8 text: byte 0x{text[read]:X2} at line {line}, column {column} (save the file as UTF-8)"));
    }
}

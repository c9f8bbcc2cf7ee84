using System.Xml;
using System.Xml.Linq;

namespace Orchestrator.Dmn.Parsing;

/// <summary>
/// How the DMN and BPMN parsers read a model's XML: without DTDs or entities (<see cref="Load"/>), and only after checking how deep
/// its elements nest (<see cref="TooDeep"/>). Loading
/// an <c>XDocument</c> takes time that grows with the square of the nesting (100,000 levels inside a BPMN
/// <c>documentation</c>, 700 KB, took 23 s holding the engine, and again at every start that loaded the stored model); a
/// plain reader is linear and reads 80,000 levels in milliseconds.
/// </summary>
public static class ModelXml
{
    /// <summary>
    /// No DTD (an entity could expand without bound or read files), and no whitespace-only text: values are trimmed, and skipping
    /// it saves about a fifth of parsing and its allocations. <see cref="XmlReader.Create(TextReader, XmlReaderSettings)"/> copies it.
    /// </summary>
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreWhitespace = true };

    /// <summary>How deep elements may nest: far deeper than any model (subprocesses stop at 100 scopes, DMN at 64 boxed expressions).</summary>
    public const int MaxDepth = 200;

    /// <summary>
    /// Where an element lies more than <see cref="MaxDepth"/> levels deep (line and column of the first), or null. XML that is not
    /// well-formed before such an element is left to the parser, which reports it.
    /// </summary>
    public static (int Line, int Column)? TooDeep(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            while (reader.Read())
            {
                if (reader.Depth >= MaxDepth)
                {
                    var info = (IXmlLineInfo)reader;
                    return (info.LineNumber, info.LinePosition);
                }
            }
        }
        catch (XmlException)
        {
            // Malformed: the parser's own read says where and why.
        }

        return null;
    }

    /// <summary>Reads <paramref name="xml"/> with line information; throws <see cref="XmlException"/> when it is not well-formed or has a DTD.</summary>
    public static XDocument Load(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    /// <summary>The line of <paramref name="xml"/> that <paramref name="exception"/> is about: the refusal of a DTD carries no position, it is where the DOCTYPE is.</summary>
    public static int Line(XmlException exception, string xml)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(xml);
        return exception.LineNumber > 0 ? exception.LineNumber : xml.AsSpan(0, Math.Max(0, xml.IndexOf("<!DOCTYPE", StringComparison.Ordinal))).Count('\n') + 1;
    }
}

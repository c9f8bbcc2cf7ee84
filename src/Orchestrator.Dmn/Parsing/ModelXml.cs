using System.Xml;

namespace Orchestrator.Dmn.Parsing;

/// <summary>
/// What the DMN and BPMN parsers check of a model's XML before LINQ to XML reads it: how deep its elements nest. Loading
/// an <c>XDocument</c> takes time that grows with the square of the nesting (100,000 levels inside a BPMN
/// <c>documentation</c>, 700 KB, took 23 s holding the engine, and again at every start that loaded the stored model); a
/// plain reader is linear and reads 80,000 levels in milliseconds.
/// </summary>
public static class ModelXml
{
    /// <summary>How deep elements may nest: far deeper than any model (subprocesses stop at 100 scopes, DMN at 64 boxed expressions).</summary>
    public const int MaxDepth = 200;

    /// <summary>
    /// Where an element lies more than <see cref="MaxDepth"/> levels deep (line and column of the first), or null. XML that is not
    /// well-formed before such an element is left to the parser, which reports it.
    /// </summary>
    public static (int Line, int Column)? TooDeep(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreWhitespace = true };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
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
}

using System.Xml.Linq;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Model;

/// <summary>What most elements carry: input and output mappings.</summary>
public sealed partial class BpmnParser
{
    private List<IoMapping> ReadMappings(FlowNode node, XElement io, string kind)
    {
        var mappings = new List<IoMapping>();
        foreach (var mapping in io.Elements(Zeebe + kind))
        {
            var target = (string?)mapping.Attribute("target");
            if (string.IsNullOrWhiteSpace(target))
            {
                Problem(mapping, node.Id, $"a zeebe:{kind} mapping has no target");
                continue;
            }

            var source = (string?)mapping.Attribute("source") ?? "=null";
            if (Expression(mapping, node.Id, $"{kind} mapping '{target}'", source) is { } expression)
            {
                mappings.Add(new IoMapping(expression, target));
            }
        }

        return mappings;
    }
}

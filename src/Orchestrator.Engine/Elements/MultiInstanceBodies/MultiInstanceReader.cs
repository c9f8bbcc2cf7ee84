using System.Xml.Linq;
using Orchestrator.Engine.Model;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Elements.MultiInstanceBodies;

/// <summary>Reads an activity's <c>multiInstanceLoopCharacteristics</c>: the activity then runs inside a multi-instance body.</summary>
internal static class MultiInstanceReader
{
    public static void Read(BpmnParser parser, FlowNode node, XElement element)
    {
        if (element.Element(Bpmn + "standardLoopCharacteristics") is { } loop)
        {
            parser.Problem(loop, node.Id, "standard loops are not supported; use a multi-instance loop");
            return;
        }

        if (element.Element(Bpmn + "multiInstanceLoopCharacteristics") is not { } mi)
        {
            return;
        }

        var zeebe = mi.Element(Bpmn + "extensionElements")?.Element(Zeebe + "loopCharacteristics");
        var input = parser.Expression(zeebe ?? mi, node.Id, "inputCollection", (string?)zeebe?.Attribute("inputCollection"));
        if (input is null)
        {
            parser.Problem(mi, node.Id, "a multi-instance activity needs an input collection (zeebe:loopCharacteristics inputCollection)");
            return;
        }

        var completion = mi.Element(Bpmn + "completionCondition")?.Value.Trim();
        node.MultiInstance = new MultiInstanceDefinition
        {
            IsSequential = (string?)mi.Attribute("isSequential") == "true",
            InputCollection = input,
            InputElement = (string?)zeebe?.Attribute("inputElement"),
            OutputCollection = (string?)zeebe?.Attribute("outputCollection"),
            OutputElement = parser.Expression(zeebe!, node.Id, "outputElement", (string?)zeebe?.Attribute("outputElement")),
            CompletionCondition = string.IsNullOrEmpty(completion) ? null : parser.Expression(mi, node.Id, "completionCondition", completion),
        };
        if (node.MultiInstance.OutputCollection is not null && node.MultiInstance.OutputElement is null)
        {
            parser.Problem(zeebe!, node.Id, "a multi-instance output collection needs an output element");
        }
    }
}

using System.Xml.Linq;
using Orchestrator.Engine.Model;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Elements.AdHocSubProcesses;

/// <summary>The ad-hoc subprocess (<c>zeebe:adHoc</c>): inner elements without start or end events, activated by id.</summary>
internal sealed class AdHocSubProcessType() : ElementType(ElementKind.AdHocSubProcess, "adHocSubProcess", new AdHocSubProcessBehavior())
{
    public override void Read(BpmnParser parser, FlowNode node, XElement element, XElement? extensions)
    {
        var adHoc = extensions?.Element(Zeebe + "adHoc");
        var completion = element.Element(Bpmn + "completionCondition")?.Value.Trim();
        node.AdHoc = new AdHocDefinition
        {
            ActiveElements = parser.Expression(adHoc, node.Id, "activeElementsCollection", (string?)adHoc?.Attribute("activeElementsCollection")),
            CompletionCondition = string.IsNullOrEmpty(completion) ? null : parser.Expression(element, node.Id, "completionCondition", completion),
            CancelRemainingInstances = (string?)element.Attribute("cancelRemainingInstances") != "false",
            OutputCollection = (string?)adHoc?.Attribute("outputCollection"),
            OutputElement = parser.Expression(adHoc, node.Id, "outputElement", (string?)adHoc?.Attribute("outputElement")),
        };
        if ((node.AdHoc.OutputCollection is null) != (node.AdHoc.OutputElement is null))
        {
            parser.Problem(adHoc!, node.Id, "an ad-hoc subprocess's outputCollection and outputElement go together");
        }
    }

    public override void ValidateContent(BpmnParser parser, FlowNode scope, XElement element, IReadOnlyList<FlowNode> starts)
    {
        if (parser.IsRefused(scope.Id))
        {
            return;
        }

        if (scope.Children.Any(c => c.Kind is ElementKind.StartEvent or ElementKind.EndEvent))
        {
            parser.Problem(element, scope.Id, "an ad-hoc subprocess has no start or end events: its inner elements are activated by id");
        }

        if (!scope.Children.Any(c => c.IsActivity))
        {
            parser.Problem(element, scope.Id, "an ad-hoc subprocess needs at least one activity");
        }
    }
}

using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.IntermediateCatchEvents;

/// <summary>What every element that waits for a message needs (catch and boundary events, receive tasks).</summary>
internal static class MessageCatch
{
    /// <summary>A message that instances wait for is matched by its correlation key, so it needs one.</summary>
    public static void RequireCorrelationKey(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.Event.MessageName is not null && node.Event.CorrelationKey is null)
        {
            parser.Problem(element, node.Id, $"{BpmnParser.KindName(node)} needs a correlation key (zeebe:subscription correlationKey on the message)");
        }
    }
}

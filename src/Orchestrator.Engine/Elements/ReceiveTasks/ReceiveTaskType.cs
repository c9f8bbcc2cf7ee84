using System.Xml.Linq;
using Orchestrator.Engine.Elements.IntermediateCatchEvents;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.ReceiveTasks;

/// <summary>The receive task: waits for its message (<c>messageRef</c> on the task itself) like a message catch event.</summary>
internal sealed class ReceiveTaskType() : ElementType(ElementKind.ReceiveTask, "receiveTask", new CatchEventBehavior())
{
    public override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        var messageRef = BpmnParser.Reference(element, "messageRef");
        if (!parser.TryGetMessage(messageRef, out var message))
        {
            parser.Problem(element, node.Id, $"the receive task has no message with a name (messageRef '{messageRef}')");
            return;
        }

        node.Event = new EventDefinition { Kind = EventKind.Message, MessageName = message.Name, CorrelationKey = message.CorrelationKey };
        MessageCatch.RequireCorrelationKey(parser, node, element);
    }
}

using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Execution;

/// <summary>The behaviour of each element kind (and of multi-instance bodies), in one table: adding an element kind touches this table and one class.</summary>
internal static class BehaviorTable
{
    private static readonly PassThroughBehavior PassThrough = new();
    private static readonly JobBehavior Job = new();
    private static readonly UserTaskBehavior UserTask = new();
    private static readonly ScriptTaskBehavior Script = new();
    private static readonly CatchEventBehavior Catch = new();
    private static readonly ThrowEventBehavior Throw = new();
    private static readonly SubProcessBehavior SubProcess = new();
    private static readonly CallActivityBehavior CallActivity = new();
    private static readonly AdHocSubProcessBehavior AdHoc = new();
    private static readonly ExclusiveGatewayBehavior Exclusive = new(inclusive: false);
    private static readonly ExclusiveGatewayBehavior Inclusive = new(inclusive: true);
    private static readonly EventBasedGatewayBehavior EventBased = new();
    private static readonly MultiInstanceBehavior MultiInstanceBody = new();

    /// <summary>The behaviour of an element instance: a multi-instance body's own, else its element kind's.</summary>
    public static IElementBehavior For(ElementInstance element) => element.IsMultiInstanceBody ? MultiInstanceBody : For(element.Node);

    public static IElementBehavior For(FlowNode node) => node.Kind switch
    {
        ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.BusinessRuleTask => Job,
        ElementKind.UserTask => UserTask,
        ElementKind.ScriptTask => Script,
        ElementKind.ReceiveTask or ElementKind.IntermediateCatchEvent => Catch,
        ElementKind.IntermediateThrowEvent or ElementKind.EndEvent => Throw,
        ElementKind.SubProcess or ElementKind.EventSubProcess => SubProcess,
        ElementKind.CallActivity => CallActivity,
        ElementKind.AdHocSubProcess => AdHoc,
        ElementKind.ExclusiveGateway => Exclusive,
        ElementKind.InclusiveGateway => Inclusive,
        ElementKind.EventBasedGateway => EventBased,
        _ => PassThrough,
    };
}

using Orchestrator.Server.Telemetry;

namespace Orchestrator.Server.Tests.Telemetry;

/// <summary>Engine commands are named after the engine method their lambda calls.</summary>
public sealed class EngineCommandNamesTests
{
    [Theory]
    [InlineData("engine => engine.CompleteJob(k, ApiValues.Of(request?.Variables))", "CompleteJob")]
    [InlineData("e=>e.Deploy(resources)", "Deploy")]
    [InlineData("(engine) => definitionKey is { } key\n    ? engine.CreateInstance(key, variables)\n    : engine.CreateInstance(id, version, variables)", "CreateInstance")]
    [InlineData("engine =>\n{\n    var message = ApiValues.Of(request.Variables);\n    return engine.CorrelateMessage(name, key, message);\n}", "CorrelateMessage")]
    [InlineData("report", EngineCommandNames.Unnamed)]
    [InlineData("", EngineCommandNames.Unnamed)]
    public void The_name_is_the_first_engine_method_called(string expression, string name) =>
        Assert.Equal(name, EngineCommandNames.Of(expression));
}

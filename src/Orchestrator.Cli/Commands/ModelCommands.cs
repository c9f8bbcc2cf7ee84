using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary>The model verbs: <c>validate</c>, <c>run</c> and <c>bench</c>.</summary>
internal static class ModelCommands
{
    public static Command BenchHttp(TextWriter output)
    {
        var url = new Option<string[]>("--url")
        {
            Description = "The server; give several (--url A --url B) to spread the load over the nodes of a cluster.",
            DefaultValueFactory = _ => ["http://localhost:8080"],
            AllowMultipleArgumentsPerToken = true,
        };
        var instances = new Option<int>("--instances") { Description = "How many instances to run.", DefaultValueFactory = _ => 5_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Instances in flight at a time.", DefaultValueFactory = _ => 64 };
        var batch = new Option<int>("--batch") { Description = "maxJobsToActivate per activation.", DefaultValueFactory = _ => 32 };
        var warmUp = new Option<int>("--warmup") { Description = "Instances run first and not measured: a server that just started compiles code for its first 20 s or so of load on two cores.", DefaultValueFactory = _ => 8000 };
        var command = new Command("bench-http", "Drive a running server over /v2 with external workers; report throughput and latencies.") { url, instances, warmUp, concurrency, batch };
        command.SetAction((parse, _) => new HttpBench(output).RunAsync(
            [.. parse.GetValue(url)!.Select(u => new Uri(u))], parse.GetValue(instances), parse.GetValue(warmUp), parse.GetValue(concurrency), parse.GetValue(batch)));
        return command;
    }

    public static Command BenchMq(TextWriter output)
    {
        var url = new Option<string>("--url") { Description = "The server (Messaging:Provider RabbitMq).", DefaultValueFactory = _ => "http://localhost:8080" };
        var amqp = new Option<string>("--amqp") { Description = "The broker the server receives from.", DefaultValueFactory = _ => "amqp://orchestrator:orchestrator@127.0.0.1:5672/" };
        var messages = new Option<int>("--messages") { Description = "How many messages to correlate (as many instances are started first).", DefaultValueFactory = _ => 5_000 };
        var warmUp = new Option<int>("--warmup") { Description = "Messages run first and not measured.", DefaultValueFactory = _ => 3_000 };
        var rate = new Option<int>("--rate") { Description = "Messages offered per second (open loop).", DefaultValueFactory = _ => 1_000 };
        var command = new Command("bench-mq", "Drive a running server through RabbitMQ: instances started and advanced by queued messages; report messages/s and sent → correlated latency.")
        {
            url, amqp, messages, warmUp, rate,
        };
        command.SetAction((parse, _) => new MqBench(output).RunAsync(
            new Uri(parse.GetValue(url)!), new Uri(parse.GetValue(amqp)!), parse.GetValue(messages), parse.GetValue(warmUp), parse.GetValue(rate)));
        return command;
    }

    public static Command Validate(TextWriter output)
    {
        var files = new Argument<string[]>("files") { Description = "BPMN and DMN files (or folders of them) to check.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check BPMN and DMN models, the message catalogue (notifications/) and the VOC reason codes (voc/reasons.json) beside them; print each problem as file:line: element-id: message.") { files };
        command.SetAction(parse => ModelValidator.Run(parse.GetValue(files)!, output));
        return command;
    }

    public static Command Run(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "The BPMN model." };
        var variables = new Option<string?>("--variables") { Description = "Start variables as a JSON object." };
        var script = new Option<string?>("--script") { Description = "A JSON file with an array of steps (completeJob, completeUserTask, publishMessage, advance, ...)." };
        var command = new Command("run", "Run one instance in memory on a virtual clock and print the path it takes.") { file, variables, script };
        command.SetAction(parse => new ModelRunner(output).Run(parse.GetValue(file)!, parse.GetValue(variables), parse.GetValue(script)));
        return command;
    }

    public static Command Bench(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "The BPMN model." };
        var instances = new Option<int>("--instances") { Description = "How many instances to run.", DefaultValueFactory = _ => 10_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "How many instances are in flight at once.", DefaultValueFactory = _ => 100 };
        var jobResults = new Option<string?>("--job-results") { Description = "Variables to complete jobs with, per job type, as JSON: {\"type\": {\"var\": 1}}." };
        var leaveTasks = new Option<bool>("--leave-user-tasks") { Description = "Do not complete user tasks, so boundary timers on them fire." };
        var database = new Option<string?>("--database") { Description = "Keep the state durably: a SQLite file path, or a PostgreSQL connection string (Host=...)." };
        var command = new Command("bench", "Run many instances and report throughput, latency and allocations (in memory, or through the durable store).")
        {
            file, instances, concurrency, jobResults, leaveTasks, database,
        };
        command.SetAction(parse => new ModelBench(output, parse.GetValue(leaveTasks), parse.GetValue(database)).Run(parse.GetValue(file)!, parse.GetValue(instances), parse.GetValue(concurrency), parse.GetValue(jobResults)));
        return command;
    }
}

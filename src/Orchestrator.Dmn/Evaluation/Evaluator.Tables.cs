using Orchestrator.Dmn.Model;
using Orchestrator.Feel;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Evaluation;

/// <summary>Decision tables (DMN 1.5 chapter 8): inputs, rules, hit policies and aggregations.</summary>
internal sealed partial class Evaluator
{
    /// <summary>Up to how many shared entry outcomes (bytes) a table evaluation keeps on the stack rather than in an array.</summary>
    private const int MaxStackOutcomes = 256;

    private FeelValue EvaluateTable(DecisionTable table, Scope scope)
    {
        var compiled = CompiledTable.Of(table);

        // Unary tests that compare the input with constants count no steps, so they share one context; their warnings, like
        // those of every unary test, are not reported.
        var tests = new FeelEvaluationContext(_feel.Options.Clock, _feel.Functions);
        var record = _records.TryPeek(out var top) && top.Inputs.Count == 0 && top.Rules.Count == 0 ? top : null;
        var inputs = new FeelValue[table.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = table.Inputs[i];
            var value = Literal(input.Expression, scope);
            if (input.Allowed is { } allowed && value is not FeelNull && !Accepts(allowed, value, scope, tests))
            {
                throw Fail($"the value {Shorten(value)} of input '{input.Label}' is not among its input values ({input.AllowedText})", null);
            }

            inputs[i] = value;
            record?.Inputs.Add(new DmnEvaluatedInput(input.Id, input.Label, value));
        }

        // The outcomes of shared entries: 0 not tested yet, 1 accepted, -1 not.
        var outcomes = compiled.Slots <= MaxStackOutcomes ? stackalloc sbyte[compiled.Slots] : new sbyte[compiled.Slots];
        var matched = new List<(TableRule Rule, FeelValue[] Outputs)>();
        foreach (var compiledRule in compiled.Rules)
        {
            if (!Matches(compiledRule, inputs, scope, tests, outcomes))
            {
                continue;
            }

            var rule = compiledRule.Rule;
            var outputs = new FeelValue[table.Outputs.Count];
            for (var o = 0; o < outputs.Length && o < rule.OutputEntries.Count; o++)
            {
                outputs[o] = CheckOutput(table.Outputs[o], Cell(rule.OutputEntries[o], scope), compiledRule, o, tests);
            }

            matched.Add((rule, outputs));
            if (record is not null)
            {
                var audit = new DmnEvaluatedOutput[outputs.Length];
                for (var o = 0; o < audit.Length; o++)
                {
                    var output = table.Outputs[o];
                    audit[o] = new DmnEvaluatedOutput(output.Id, output.Name ?? "output", outputs[o]);
                }

                record.Rules.Add(new DmnMatchedRule(rule.Id, rule.Index, audit));
            }

            if (table.HitPolicy == HitPolicy.First)
            {
                break;
            }
        }

        if (matched.Count == 0)
        {
            return NoMatch(table, scope);
        }

        switch (table.HitPolicy)
        {
            case HitPolicy.Unique when matched.Count > 1:
                throw Fail($"rules {Describe(matched[0].Rule)} and {Describe(matched[1].Rule)} both match, which the UNIQUE hit policy forbids", null, matched[1].Rule.Id);
            case HitPolicy.Any when matched.Skip(1).FirstOrDefault(m => !SameOutputs(m.Outputs, matched[0].Outputs)) is { Rule: not null } other:
                throw Fail($"rules {Describe(matched[0].Rule)} and {Describe(other.Rule)} match with different outputs, which the ANY hit policy forbids", null, other.Rule.Id);
            case HitPolicy.Unique or HitPolicy.Any or HitPolicy.First:
                return Result(table, matched[0].Outputs);
            case HitPolicy.Priority:
                return Result(table, matched.OrderBy(m => m.Outputs, new PriorityComparer(table)).First().Outputs);
            case HitPolicy.OutputOrder:
                return new FeelList(matched.OrderBy(m => m.Outputs, new PriorityComparer(table)).Select(m => Result(table, m.Outputs)));
            case HitPolicy.RuleOrder:
                return Results(table, matched);
            default:
                return Collect(table, matched);
        }
    }

    /// <summary>
    /// True when every input entry of the rule accepts its input; throws at an entry that did not compile, once reached. A
    /// shared entry is tested once per evaluation, its outcome kept in <paramref name="outcomes"/>.
    /// </summary>
    private static bool Matches(CompiledRule rule, FeelValue[] inputs, Scope scope, FeelEvaluationContext tests, Span<sbyte> outcomes)
    {
        foreach (var (input, unary, slot) in rule.Entries)
        {
            if (unary is null)
            {
                throw Fail($"rule {Describe(rule.Rule)}, input entry {input + 1}: '{rule.Rule.InputEntries[input].Text}' is not valid FEEL unary tests", null, rule.Rule.Id);
            }

            if (slot == CompiledTable.NoSlot)
            {
                if (!Accepts(unary, inputs[input], scope, tests))
                {
                    return false;
                }

                continue;
            }

            ref var outcome = ref outcomes[slot];
            if (outcome == 0)
            {
                outcome = Accepts(unary, inputs[input], scope, tests) ? (sbyte)1 : (sbyte)-1;
            }

            if (outcome < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="unary"/> gives true for <paramref name="value"/>: tests that compare with constants in the shared
    /// context <paramref name="tests"/>, others in a context of their own (their step limit is theirs alone, as any expression's).
    /// </summary>
    private static bool Accepts(FeelUnaryTests unary, FeelValue value, Scope? scope, FeelEvaluationContext tests) =>
        (unary.ReadsInputOnly ? unary.Evaluate(value, null, tests) : unary.Evaluate(value, scope).Value) is FeelBoolean { Value: true };

    /// <summary>An output entry's value: a constant (most are) as parsed, anything else evaluated.</summary>
    private FeelValue Cell(LiteralExpression literal, Scope scope)
    {
        if (literal.Compiled?.Constant is not { } constant)
        {
            return Literal(literal, scope);
        }

        if (_pending is { } failure)
        {
            throw failure;
        }

        return constant;
    }

    private FeelValue CheckOutput(TableOutput output, FeelValue value, CompiledRule rule, int index, FeelEvaluationContext tests)
    {
        if (output.Allowed is { } allowed && value is not FeelNull && !Accepts(allowed, value, null, tests))
        {
            throw Fail($"rule {Describe(rule.Rule)} gives {Shorten(value)} for output '{output.Name ?? "output"}', which is not among its output values ({output.AllowedText})", null, rule.Rule.Id);
        }

        return output.TypeRef is null ? value : Coerce(value, output.TypeRef, _owner, rule.Outputs[index]);
    }

    /// <summary>No rule matched: the default output entries (null where an output has none), or null when no output has one.</summary>
    private FeelValue NoMatch(DecisionTable table, Scope scope)
    {
        if (table.Aggregation == Aggregation.Count)
        {
            return FeelNumber.Zero;
        }

        if (table.Outputs.All(o => o.Default is null))
        {
            return table.HitPolicy is HitPolicy.Collect or HitPolicy.RuleOrder or HitPolicy.OutputOrder && table.Aggregation == Aggregation.None
                ? FeelList.Empty
                : FeelNull.Instance;
        }

        var defaults = table.Outputs.Select(o => o.Default is null ? FeelNull.Instance : Literal(o.Default, scope)).ToArray();
        return Result(table, defaults);
    }

    private static FeelValue Result(DecisionTable table, FeelValue[] outputs)
    {
        if (table.Outputs.Count == 1)
        {
            return outputs[0];
        }

        var entries = new OrderedDictionary<string, FeelValue>(outputs.Length, StringComparer.Ordinal);
        for (var o = 0; o < outputs.Length; o++)
        {
            entries[table.Outputs[o].Name!] = outputs[o];
        }

        return new FeelContext(entries);
    }

    /// <summary>The matched rules' results, in rule order.</summary>
    private static FeelList Results(DecisionTable table, List<(TableRule Rule, FeelValue[] Outputs)> matched)
    {
        var results = new FeelValue[matched.Count];
        for (var m = 0; m < results.Length; m++)
        {
            results[m] = Result(table, matched[m].Outputs);
        }

        return new FeelList(results);
    }

    private FeelValue Collect(DecisionTable table, List<(TableRule Rule, FeelValue[] Outputs)> matched)
    {
        switch (table.Aggregation)
        {
            case Aggregation.None:
                return Results(table, matched);
            case Aggregation.Count:
                return FeelNumber.Of(matched.Count);
            case Aggregation.Sum:
                var sum = 0m;
                foreach (var (_, outputs) in matched)
                {
                    var value = outputs[0];
                    if (value is not FeelNumber number)
                    {
                        throw Fail($"COLLECT SUM needs numbers but a rule gave {Shorten(value)}", null);
                    }

                    sum += number.Value;
                }

                return FeelNumber.Of(sum);
            default:
                var values = matched.ConvertAll(m => m.Outputs[0]);
                var name = table.Aggregation == Aggregation.Min ? "min" : "max";
                var list = new Scope(null);
                list.Set("values", new FeelList(values));
                var result = _feel.Evaluate(name + "(values)", list);
                if (result.Value is FeelNull && values.Count > 0)
                {
                    throw Fail($"COLLECT {name.ToUpperInvariant()} cannot compare the rules' outputs ({string.Join(", ", values.Select(Shorten))})", null);
                }

                return result.Value;
        }
    }

    private static bool SameOutputs(FeelValue[] left, FeelValue[] right)
    {
        for (var i = 0; i < left.Length; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(TableRule rule) => rule.Id is null ? rule.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{rule.Index} ({rule.Id})";

    /// <summary>Ranks rule outputs by the outputs' listed values, first listed first, output by output; unlisted values last.</summary>
    private sealed class PriorityComparer(DecisionTable table) : IComparer<FeelValue[]>
    {
        public int Compare(FeelValue[]? x, FeelValue[]? y)
        {
            for (var o = 0; o < table.Outputs.Count; o++)
            {
                var order = Rank(table.Outputs[o], x![o]).CompareTo(Rank(table.Outputs[o], y![o]));
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }

        private static int Rank(TableOutput output, FeelValue value)
        {
            var priorities = output.Priorities ?? [];
            for (var i = 0; i < priorities.Length; i++)
            {
                if (priorities[i].Equals(value))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }
    }
}

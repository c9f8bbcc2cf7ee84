using System.Runtime.CompilerServices;
using Orchestrator.Dmn.Model;
using Orchestrator.Feel;

namespace Orchestrator.Dmn.Evaluation;

/// <summary>Decision tables prepared once for evaluating them many times.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// A decision table prepared for evaluation: each rule's input entries to test, in order, without those that accept any
    /// input (<c>-</c>), and what a warning calls each of its outputs. Built at the table's first evaluation and kept as long
    /// as the table is (a table does not change once its model is parsed).
    /// </summary>
    private sealed class CompiledTable
    {
        private static readonly ConditionalWeakTable<DecisionTable, CompiledTable> Tables = [];

        private CompiledTable(DecisionTable table)
        {
            Rules = new CompiledRule[table.Rules.Count];
            for (var r = 0; r < Rules.Length; r++)
            {
                var rule = table.Rules[r];
                var count = Math.Min(table.Inputs.Count, rule.InputEntries.Count);
                var entries = new List<CompiledEntry>(count);
                for (var i = 0; i < count; i++)
                {
                    var tests = rule.InputEntries[i].Tests;
                    if (tests is not { AcceptsAnyInput: true })
                    {
                        entries.Add(new CompiledEntry(i, tests));
                    }
                }

                var outputs = new string[table.Outputs.Count];
                for (var o = 0; o < outputs.Length; o++)
                {
                    outputs[o] = $"output '{table.Outputs[o].Name}' of rule {Describe(rule)}";
                }

                Rules[r] = new CompiledRule(rule, [.. entries], outputs);
            }
        }

        /// <summary>The rules, in table order.</summary>
        public CompiledRule[] Rules { get; }

        /// <summary>The prepared form of <paramref name="table"/>, built once.</summary>
        public static CompiledTable Of(DecisionTable table) => Tables.GetValue(table, static t => new CompiledTable(t));
    }

    /// <summary>A rule, the input entries it tests in order, and what a type warning calls each of its outputs.</summary>
    private sealed record CompiledRule(TableRule Rule, CompiledEntry[] Entries, string[] Outputs);

    /// <summary>An input entry to test: the input's position and its unary tests (null when they did not compile).</summary>
    private readonly record struct CompiledEntry(int Input, FeelUnaryTests? Tests);
}

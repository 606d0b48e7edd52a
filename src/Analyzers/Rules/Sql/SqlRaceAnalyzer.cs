using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>RACE004 (read-modify-write computed in code) and RACE005 (check-then-insert) on SQL run in one method.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SqlRaceAnalyzer : RaceAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Race004NonAtomicReadModifyWrite,
            Descriptors.Race005NonAtomicCheckThenInsert);

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ApiCatalog catalog, RaceOptions options)
        {
            if (catalog.HasSqlApis)
            {
                // A read and a write: two calls, one at least with a name that can run SQL.
                AnalyzedBody.Register(
                    start,
                    block => InvokedNames.Of(block) is var names && names.Calls >= 2 && names.Any(ApiCatalog.MayRunSql),
                    body => Analyze(body, catalog));
            }
        }

        private static void Analyze(AnalyzedBody context, ApiCatalog catalog)
        {
            var work = SqlWork.Collect(context.Root, catalog);
            if (work != null)
            {
                ReportReadModifyWrites(context, context.Flow, work);
                ReportCheckThenInserts(context, context.Flow, work);
            }
        }

        private static void ReportReadModifyWrites(AnalyzedBody context, MethodFlow flow, SqlWork work)
        {
            foreach (var update in work.Of(SqlStatementKind.Update))
            {
                if (work.IsSerializableAt(update))
                {
                    continue;
                }

                foreach (var set in update.Statement.SetToParameter)
                {
                    var read = FeedingRead.Of(work, flow, update, set.Key, set.Value);
                    if (read != null)
                    {
                        // The hint's sign follows the code: a subtraction is suggested as c = c - @delta.
                        var results = QueryResults.SymbolsOf(read.Call);
                        var sign = ReadModifyWrite.Of(update, set.Value, results, work.Roots)?.Operator ?? CounterStep.Of(update, set.Value, results)?.Operator ?? "+";
                        Report(context, Descriptors.Race004NonAtomicReadModifyWrite, update, read, update.Statement.Table + "." + set.Key, set.Key, sign,
                            ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Column, set.Key));
                        break;
                    }
                }
            }
        }

        private static void ReportCheckThenInserts(AnalyzedBody context, MethodFlow flow, SqlWork work)
        {
            foreach (var insert in work.Of(SqlStatementKind.Insert))
            {
                if (work.IsSerializableAt(insert))
                {
                    continue;
                }

                var check = GuardingCheck.Of(work, flow, insert);
                if (check != null)
                {
                    Report(context, Descriptors.Race005NonAtomicCheckThenInsert, insert, check, insert.Statement.Table, string.Empty, string.Empty, null);
                }
            }
        }

        /// <summary>The write is reported, the read is its additional location: what the fixes find the statements by.</summary>
        private static void Report(AnalyzedBody context, DiagnosticDescriptor descriptor, SqlExecution write, SqlExecution read, string target, string column, string op, ImmutableDictionary<string, string?>? properties)
        {
            var readSyntax = read.Call.Syntax;
            var arguments = descriptor == Descriptors.Race004NonAtomicReadModifyWrite
                ? new object[] { Text.Short(write.Call.Syntax), target, Text.Short(readSyntax), Text.Line(readSyntax), column, op }
                : new object[] { Text.Short(write.Call.Syntax), target, Text.Short(readSyntax), Text.Line(readSyntax) };
            context.Report(Diagnostic.Create(descriptor, write.Call.Syntax.GetLocation(), new[] { readSyntax.GetLocation() }, properties, arguments));
        }
    }
}

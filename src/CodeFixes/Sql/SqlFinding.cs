using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Rules.Sql;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// The write a RACE004 or RACE005 diagnostic reports and the read it names (its additional location), found
    /// again in the semantic model with the SQL their method runs: what the SQL fixes plan from.
    /// </summary>
    internal sealed class SqlFinding
    {
        private SqlFinding(FixDocument document, SqlExecution write, SqlExecution read, SqlWork work, MethodFlow flow)
        {
            Document = document;
            Write = write;
            Read = read;
            Work = work;
            Flow = flow;
        }

        public FixDocument Document { get; }

        /// <summary>The UPDATE (RACE004) or the INSERT (RACE005).</summary>
        public SqlExecution Write { get; }

        /// <summary>The SELECT whose result is written back (RACE004), or the existence check (RACE005).</summary>
        public SqlExecution Read { get; }

        public SqlWork Work { get; }

        public MethodFlow Flow { get; }

        public static SqlFinding? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            if (diagnostic.AdditionalLocations.Count == 0 || !(document.OperationAt(diagnostic.Location.SourceSpan) is { } reported))
            {
                return null;
            }

            var root = FixDocument.RootOf(reported);
            var work = SqlWork.Collect(root, document.Catalog);
            var flow = work == null ? null : AnalyzedBody.FlowOf(root, document.CancellationToken);
            var write = work == null ? null : ExecutionAt(work, diagnostic.Location.SourceSpan);
            var read = work == null ? null : ExecutionAt(work, diagnostic.AdditionalLocations[0].SourceSpan);
            return work != null && flow != null && write != null && read != null ? new SqlFinding(document, write, read, work, flow) : null;
        }

        private static SqlExecution? ExecutionAt(SqlWork work, TextSpan span)
            => work.EveryExecution.FirstOrDefault(execution => execution.Call.Syntax.Span == span);
    }
}

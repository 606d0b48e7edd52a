using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RaceAnalyzers.Baseline
{
    /// <summary>
    /// RACE014: the baseline cannot be read or parsed (it then suppresses nothing, and says so). RACE015: an entry of
    /// this assembly that matches no finding any more, at the entry's line in the baseline file, so the file only
    /// shrinks. A suppressor cannot report, so this analyzer reads the same file (<see cref="BaselineSource"/>) and
    /// asks <see cref="StaleEntries"/> which entries the rules no longer find.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BaselineAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.Race014UnreadableBaseline, Descriptors.Race015FixedInBaseline);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationAction(Check);
        }

        private static void Check(CompilationAnalysisContext context)
        {
            var loaded = BaselineSource.Load(context.Options, context.CancellationToken);
            if (loaded == null)
            {
                return;
            }

            if (loaded.Baseline == null)
            {
                var problem = loaded.Problem!;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.Race014UnreadableBaseline, loaded.LocationAt(problem.Position), Path.GetFileName(loaded.File.Path), problem.Message));
                return;
            }

            foreach (var (entry, missing) in StaleEntries.Find(context.Compilation, context.Options, loaded.Baseline, context.CancellationToken))
            {
                var remedy = missing >= entry.Count
                    ? "remove it from the baseline"
                    : "lower its count to " + (entry.Count - missing).ToString(CultureInfo.InvariantCulture);
                var where = entry.File.Length > 0 ? "at " + entry.File + ":" + entry.Line.ToString(CultureInfo.InvariantCulture) : "listed";
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.Race015FixedInBaseline, loaded.LocationAt(entry.Position), entry.Key.Rule, MemberName(entry.Key.Member), where, remedy));
            }
        }

        /// <summary><c>M:Shop.Orders.PlaceAsync(System.String)~System.Threading.Tasks.Task</c> → <c>Shop.Orders.PlaceAsync(System.String)</c>.</summary>
        private static string MemberName(string documentationId)
        {
            if (documentationId.Length == 0)
            {
                return "(no member)";
            }

            var name = documentationId.Length > 2 && documentationId[1] == ':' ? documentationId.Substring(2) : documentationId;
            var returnType = name.IndexOf('~');
            return returnType > 0 ? name.Substring(0, returnType) : name;
        }
    }
}

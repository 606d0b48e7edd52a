using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Baseline;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Rules.Locks;

namespace RaceAnalyzers.Audit
{
    /// <summary>
    /// Turns the projects' results into one report: locks and edges of all projects together (so cycles that cross
    /// projects are found), RACE011 from those cycles, every other rule's findings as the analyzers reported them.
    /// Everything is sorted and paths are relative to the target's folder, so the same code gives the same report.
    /// </summary>
    internal sealed class ReportBuilder
    {
        private readonly string _root;
        private Dictionary<SyntaxTree, Compilation> _compilations = new Dictionary<SyntaxTree, Compilation>();
        private Dictionary<string, string> _labels = new Dictionary<string, string>(StringComparer.Ordinal);

        public ReportBuilder(string target) => _root = Path.GetDirectoryName(target)!;

        /// <summary>The assemblies the audited projects build: their own methods are never a library's I/O.</summary>
        private HashSet<string> _solutionAssemblies = new HashSet<string>(StringComparer.Ordinal);

        public AuditReport Build(string target, IReadOnlyList<ProjectResult> results, IReadOnlyList<ProjectStatus> failed, IReadOnlyList<string> problems)
        {
            _solutionAssemblies = new HashSet<string>(results.Select(r => r.Project.AssemblyName), StringComparer.Ordinal);
            _compilations = results.SelectMany(r => r.Compilation.SyntaxTrees.Select(tree => (tree, r.Compilation))).GroupBy(p => p.tree).ToDictionary(g => g.Key, g => g.First().Compilation);
            var projects = results.Select(r => new ProjectStatus(r.Project.Name, Relative(r.Project.FilePath ?? r.Project.Name), Analyzed: true, Problem: null))
                .Concat(failed.Select(f => f with { Path = Relative(f.Path) }))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ToList();

            var methods = results.SelectMany(r => r.Methods.Select(m => (Project: ProjectName(r.Project), Method: m))).ToList();
            var edges = methods.SelectMany(m => m.Method.Edges).ToList();
            _labels = Labels(methods.SelectMany(m => m.Method.Facts.Acquisitions.Select(a => a.Id)).Concat(edges.SelectMany(e => new[] { e.Outer.Id, e.Inner.Id })));
            var cycles = LockCycles.Find(edges);

            var findings = results.SelectMany(r => r.Diagnostics)
                .Where(d => d.Id != Descriptors.Race011LockOrderInversion.Id && d.Id.StartsWith("RACE", StringComparison.Ordinal))
                .Select(Finding)
                .Concat(cycles.SelectMany(CycleFindings))
                .GroupBy(f => (f.Rule, f.At, f.Message))
                .Select(g => g.First())
                .OrderBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.At?.File, StringComparer.Ordinal).ThenBy(f => f.At?.Line).ThenBy(f => f.At?.Column)
                .ToList();

            var analyzerFailures = results.SelectMany(r => r.Diagnostics).Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture));
            return new AuditReport(
                "race-audit " + ToolVersion.Value,
                Path.GetFileName(target),
                projects,
                Locks(methods),
                edges.Select(Edge).Distinct(new OrderEdgeComparer()).OrderBy(e => e.Holding, StringComparer.Ordinal).ThenBy(e => e.Takes, StringComparer.Ordinal).ThenBy(e => e.At.File, StringComparer.Ordinal).ThenBy(e => e.At.Line).ToList(),
                cycles.Select(c => new CycleEntry(
                    string.Join(" → ", c.Steps.Select(s => Label(s[0].Outer.Id))) + " → " + Label(c.Steps[0][0].Outer.Id),
                    c.Steps.Select(s => Edge(s[0])).ToList())).ToList(),
                HeldAcross(methods),
                findings,
                problems.Concat(analyzerFailures).Distinct().ToList());
        }

        private IReadOnlyList<LockEntry> Locks(List<(string Project, AuditedMethod Method)> methods)
        {
            var sites = methods.SelectMany(m => m.Method.Facts.Acquisitions.Select(a => (m.Project, m.Method.Method, Acquisition: a)));
            return sites
                .GroupBy(s => s.Acquisition.Id.Key, StringComparer.Ordinal)
                .Select(group =>
                {
                    var id = group.First().Acquisition.Id;
                    return new LockEntry(
                        Label(id),
                        id.Owner,
                        id.Member != null ? id.Name : id.Label,
                        group.Select(s => KindName(s.Acquisition.Taken.Primitive)).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList(),
                        group.Select(s => new LockSite(
                                MethodName(s.Method),
                                s.Acquisition.Taken.TakenBy,
                                s.Acquisition.Taken.Mode.ToString(),
                                SpotOf(s.Acquisition.Site)!,
                                s.Acquisition.Held.Select(h => Label(h.Id)).Distinct().ToList()))
                            .Distinct(new LockSiteComparer())
                            .OrderBy(s => s.At.File, StringComparer.Ordinal).ThenBy(s => s.At.Line).ThenBy(s => s.At.Column)
                            .ToList(),
                        group.Select(s => s.Project).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList());
                })
                .OrderBy(l => l.Id, StringComparer.Ordinal)
                .ToList();
        }

        private IReadOnlyList<HeldAcrossEntry> HeldAcross(List<(string Project, AuditedMethod Method)> methods)
        {
            var entries = new List<HeldAcrossEntry>();
            foreach (var (_, audited) in methods)
            {
                var where = MethodName(audited.Method);
                var callbacks = audited.Facts.Calls.Where(c => c.IsCallback && !c.Held.IsEmpty).ToList();
                foreach (var awaited in audited.Facts.Awaits)
                {
                    // An awaited delegate or event is one call: listed once, as an awaited callback, below.
                    if (callbacks.Any(c => Awaits(awaited.Site, c.Site)))
                    {
                        continue;
                    }

                    foreach (var held in awaited.Held)
                    {
                        var kind = awaited.Awaited != null ? SlowCalls.KindOf(awaited.Awaited, _solutionAssemblies) ?? "other" : "other";
                        entries.Add(new HeldAcrossEntry(Label(held.Id), "awaited", kind, awaited.Awaited != null ? MethodName(awaited.Awaited) : "await", where, SpotOf(awaited.Site)!));
                    }
                }

                foreach (var call in audited.Facts.Calls)
                {
                    var blocking = call.IsCallback ? "callback" : !Awaitable(call.Callee) ? SlowCalls.KindOf(call.Callee, _solutionAssemblies) : null;
                    if (call.Held.IsEmpty || blocking == null)
                    {
                        continue;
                    }

                    var how = !call.IsCallback ? "blocking" : audited.Facts.Awaits.Any(a => Awaits(a.Site, call.Site)) ? "awaited callback" : "callback";
                    foreach (var held in call.Held)
                    {
                        entries.Add(new HeldAcrossEntry(Label(held.Id), how, blocking, call.IsCallback ? CallbackName(call) : MethodName(call.Callee), where, SpotOf(call.Site)!));
                    }
                }
            }

            return entries.Distinct().OrderBy(e => e.Lock, StringComparer.Ordinal).ThenBy(e => e.At.File, StringComparer.Ordinal).ThenBy(e => e.At.Line).ThenBy(e => e.At.Column).ToList();
        }

        /// <summary>Whether the await at <paramref name="awaitKeyword"/> (its keyword's place) awaits the call at <paramref name="call"/>.</summary>
        private static bool Awaits(Location awaitKeyword, Location call)
            => awaitKeyword.SourceTree is { } tree
               && tree == call.SourceTree
               && tree.GetRoot().FindToken(awaitKeyword.SourceSpan.Start).Parent is AwaitExpressionSyntax awaitExpression
               && awaitExpression.Expression.Span.Contains(call.SourceSpan);

        private IEnumerable<FindingEntry> CycleFindings(LockCycle cycle)
        {
            var diagnostics = new List<Diagnostic>();
            LockOrderReport.Report(cycle, diagnostics.Add);
            var steps = cycle.Steps.Select(s => (Edge: s[0], Text: LockOrderReport.Describe(s[0]))).ToList();
            return diagnostics.Select(d => Finding(d) with
            {
                Related = steps.Where(s => !s.Edge.Site.Equals(d.Location)).Select(s => new RelatedSpot(SpotOf(s.Edge.Site)!, s.Text)).ToList(),
            });
        }

        private FindingEntry Finding(Diagnostic diagnostic)
            => new FindingEntry(
                diagnostic.Id,
                diagnostic.Descriptor.Title.ToString(CultureInfo.InvariantCulture),
                diagnostic.GetMessage(CultureInfo.InvariantCulture),
                SpotOf(diagnostic.Location),
                diagnostic.Descriptor.HelpLinkUri,
                diagnostic.AdditionalLocations.Select(l => SpotOf(l)).Where(s => s != null).Select(s => new RelatedSpot(s!, "related location")).ToList())
            {
                Diagnostic = diagnostic,
                Key = KeyOf(diagnostic),
            };

        /// <summary>The fingerprint the build's suppressor computes for the same diagnostic, in the compilation its file belongs to.</summary>
        private FindingKey KeyOf(Diagnostic diagnostic)
        {
            var tree = diagnostic.Location.SourceTree;
            var compilation = tree != null && _compilations.TryGetValue(tree, out var owner) ? owner : null;
            return Fingerprint.Of(diagnostic, compilation?.AssemblyName ?? string.Empty, t => compilation?.GetSemanticModel(t));
        }

        private OrderEdge Edge(LockEdge edge)
            => new OrderEdge(Label(edge.Outer.Id), Label(edge.Inner.Id), MethodName(edge.Holder), SpotOf(edge.Site)!, edge.Through.Select(MethodName).ToList());

        /// <summary>Each lock's label: short (<c>OrderBook._asks</c>) unless two locks would share it, then with the namespace.</summary>
        private static Dictionary<string, string> Labels(IEnumerable<LockId> ids)
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var sameLabel in ids.GroupBy(id => id.Key, StringComparer.Ordinal).Select(g => g.First()).GroupBy(id => id.Label, StringComparer.Ordinal))
            {
                var shared = sameLabel.Count() > 1;
                foreach (var id in sameLabel)
                {
                    labels[id.Key] = shared ? id.QualifiedLabel : id.Label;
                }
            }

            return labels;
        }

        private string Label(LockId id) => _labels.TryGetValue(id.Key, out var label) ? label : id.Label;

        private Spot? SpotOf(Location location)
        {
            if (!location.IsInSource)
            {
                return null;
            }

            var span = location.GetLineSpan();
            return new Spot(Relative(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
        }

        private string Relative(string path) => Path.GetRelativePath(_root, path).Replace('\\', '/');

        private static string ProjectName(Project project) => project.Name;

        private static string MethodName(IMethodSymbol method) => method.ContainingType.Name + "." + (method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name);

        /// <summary>A callback by what it is invoked from: <c>ProduceHandler.Flushed</c> (an event, field or property), <c>onDone (Action&lt;long&gt;)</c> (a parameter or local).</summary>
        private static string CallbackName(LockedCall call)
        {
            var delegateType = call.Callee.MethodKind == MethodKind.DelegateInvoke ? call.Callee.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) : null;
            return call.CallbackSource switch
            {
                IEventSymbol or IFieldSymbol or IPropertySymbol => call.CallbackSource.ContainingType.Name + "." + call.CallbackSource.Name,
                IParameterSymbol or ILocalSymbol => call.CallbackSource.Name + (delegateType != null ? " (" + delegateType + ")" : string.Empty),
                _ => delegateType != null ? "a delegate of type " + delegateType : call.Callee.AssociatedSymbol?.Name ?? call.Callee.Name,
            };
        }

        private static bool Awaitable(IMethodSymbol method) => method.ReturnType.Name is "Task" or "ValueTask" or "IAsyncEnumerable";

        private static string KindName(LockPrimitive primitive) => primitive switch
        {
            LockPrimitive.Monitor => "Monitor (lock)",
            LockPrimitive.Lock => "System.Threading.Lock",
            LockPrimitive.Semaphore => "SemaphoreSlim(1, 1)",
            LockPrimitive.ReaderWriter => "ReaderWriterLockSlim",
            LockPrimitive.Mutex => "Mutex",
            LockPrimitive.SpinLock => "SpinLock",
            _ => "async or in-house lock",
        };

        private sealed class OrderEdgeComparer : IEqualityComparer<OrderEdge>
        {
            public bool Equals(OrderEdge? x, OrderEdge? y) => x!.Holding == y!.Holding && x.Takes == y.Takes && x.At == y.At && x.Through.SequenceEqual(y.Through);

            public int GetHashCode(OrderEdge obj) => HashCode.Combine(obj.Holding, obj.Takes, obj.At);
        }

        private sealed class LockSiteComparer : IEqualityComparer<LockSite>
        {
            public bool Equals(LockSite? x, LockSite? y) => x!.At == y!.At && x.Mode == y.Mode;

            public int GetHashCode(LockSite obj) => obj.At.GetHashCode();
        }
    }
}

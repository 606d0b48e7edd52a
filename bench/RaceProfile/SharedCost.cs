using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Knowledge;

namespace RaceProfile
{
    /// <summary>
    /// --shared: what the work every rule shares costs once per compilation, single-threaded. A build's
    /// <c>-p:ReportAnalyzer=true</c> charges it to whichever analyzer asks first on each tree, so its per-analyzer
    /// figures can only be read beside these: the one syntax scan of every tree (<see cref="TreeScan"/>), on trees
    /// the compiler has already bound and on freshly parsed copies, and the role catalog.
    /// </summary>
    internal static class SharedCost
    {
        public static int Print(Compilation compilation)
        {
            var bind = Seconds(() => compilation.GetDiagnostics());
            var scanBound = Seconds(() => Scan(compilation.SyntaxTrees));
            var fresh = compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)).ToList();
            var scanFresh = Seconds(() => Scan(fresh));
            var catalog = Seconds(() => ApiCatalog.For(compilation));
            Console.WriteLine($"bind (compiler's own diagnostics, first JIT included): {bind:F2} s CPU, {compilation.SyntaxTrees.Count()} files");
            Console.WriteLine($"one syntax scan of every tree, trees already bound:     {scanBound:F3} s ({scanBound / bind:P1} of the bind)");
            Console.WriteLine($"one syntax scan of every tree, freshly parsed copies:    {scanFresh:F3} s ({scanFresh / bind:P1} of the bind)");
            Console.WriteLine($"role catalog of the compilation:                        {catalog:F3} s");
            return 0;
        }

        private static void Scan(IEnumerable<SyntaxTree> trees)
        {
            foreach (var tree in trees)
            {
                TreeScan.Of(tree);
            }
        }

        private static double Seconds(Action action)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            action();
            return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
        }
    }
}

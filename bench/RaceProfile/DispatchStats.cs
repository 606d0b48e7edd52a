using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow.Summaries;

namespace RaceProfile
{
    /// <summary>
    /// --dispatch: how many source implementations an interface or virtual call resolves to, over every such call of
    /// a code base, by the method alone (every implementation of the member, as the engine resolved calls before it
    /// looked at the receiver) and by the method and the receiver's static type (as <see cref="Implementations"/> now
    /// does). A directory of sources is read recursively; without a references.txt beside it, the runtime's own
    /// assemblies are the references, so calls into missing libraries stay unbound and are not counted.
    /// </summary>
    internal static class DispatchStats
    {
        public static int Print(Compilation compilation)
        {
            var implementations = new Implementations(compilation, tree => compilation.GetSemanticModel(tree));
            long calls = 0, dispatching = 0, byMethod = 0, byReceiver = 0;
            var histogram = new SortedDictionary<int, int>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (!(model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method) || invocation.Expression is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax })
                    {
                        continue;
                    }

                    if (method.IsAbstract || method.IsVirtual || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface)
                    {
                        dispatching++;
                    }

                    var all = implementations.Of(method);
                    if (all.IsEmpty)
                    {
                        continue;
                    }

                    var receiver = invocation.Expression is MemberAccessExpressionSyntax access ? model.GetTypeInfo(access.Expression).Type : method.ContainingType;
                    var narrowed = implementations.Of(method, receiver);
                    calls++;
                    byMethod += all.Length;
                    byReceiver += narrowed.Length;
                    histogram[narrowed.Length] = histogram.TryGetValue(narrowed.Length, out var n) ? n + 1 : 1;
                }
            }

            Console.WriteLine($"{dispatching} interface or virtual calls, {calls} of them to a member with source implementations, in {compilation.SyntaxTrees.Count()} files");
            if (calls > 0)
            {
                Console.WriteLine($"implementations per call: {(double)byMethod / calls:F2} by the method alone, {(double)byReceiver / calls:F2} by method and receiver type");
                Console.WriteLine("calls by implementations resolved (receiver type): " + string.Join(", ", histogram.Select(p => $"{p.Key}: {p.Value}")));
            }

            return 0;
        }

        /// <summary>Every .cs file under <paramref name="directory"/> (bin and obj aside), against the running runtime's assemblies.</summary>
        public static Compilation LoadTree(string directory)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path));
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Select(path => MetadataReference.CreateFromFile(path));
            return CSharpCompilation.Create("Sources", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }
    }
}

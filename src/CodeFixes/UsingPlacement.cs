using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// Where a fix's new <c>using</c> goes: among the usings in scope at the edited code (the innermost namespace
    /// that has some, else the file's), in the order the file keeps — System first then alphabetical, or plainly
    /// alphabetical — and after the last one when the file keeps no order. A text edit, so Fix All can merge it.
    /// </summary>
    internal static class UsingPlacement
    {
        /// <summary>True when a <c>using</c> of <paramref name="namespace"/> is written around <paramref name="node"/>.</summary>
        public static bool IsWritten(SyntaxNode node, string @namespace)
            => ScopesOf(node).Any(usings => usings.Any(u => IsPlain(u) && u.Name?.ToString() == @namespace));

        /// <summary>The insertions of <paramref name="namespaces"/> (one edit per place), or null when the file has no plain using to place them among.</summary>
        public static List<TextChange>? Insertions(SyntaxNode node, IEnumerable<string> namespaces, SourceText text)
        {
            var usings = ScopesOf(node).FirstOrDefault(scope => scope.Any(IsPlain));
            if (usings == null)
            {
                return null;
            }

            var plain = usings.Where(IsPlain).ToList();
            var names = plain.Select(u => u.Name!.ToString()).ToList();
            Comparison<string>? order = IsSorted(names, SystemFirst) ? SystemFirst : IsSorted(names, Alphabetical) ? Alphabetical : null;
            var lineBreak = FileLayout.LineBreakOf(text);
            var byPosition = new SortedDictionary<int, List<string>>();
            foreach (var @namespace in order == null ? namespaces : namespaces.OrderBy(n => n, Comparer<string>.Create(order)))
            {
                var after = order == null ? plain.Count - 1 : names.FindLastIndex(name => order(name, @namespace) < 0);
                var anchor = plain[Math.Max(after, 0)];
                var line = text.Lines.GetLineFromPosition(anchor.SpanStart);
                var position = after < 0 ? line.Start : text.Lines.GetLineFromPosition(anchor.Span.End).EndIncludingLineBreak;
                var indentation = text.ToString(TextSpan.FromBounds(line.Start, anchor.SpanStart));
                if (!byPosition.TryGetValue(position, out var lines))
                {
                    byPosition[position] = lines = new List<string>();
                }

                lines.Add(indentation + "using " + @namespace + ";" + lineBreak);
            }

            return byPosition.Select(pair => new TextChange(new TextSpan(pair.Key, 0), string.Concat(pair.Value))).ToList();
        }

        private static IEnumerable<SyntaxList<UsingDirectiveSyntax>> ScopesOf(SyntaxNode node)
        {
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                switch (ancestor)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        yield return ns.Usings;
                        break;
                    case CompilationUnitSyntax unit:
                        yield return unit.Usings;
                        break;
                }
            }
        }

        private static bool IsPlain(UsingDirectiveSyntax directive)
            => directive.Alias == null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.GlobalKeyword.IsKind(SyntaxKind.None) && directive.Name != null;

        private static bool IsSorted(List<string> names, Comparison<string> order)
        {
            for (var i = 1; i < names.Count; i++)
            {
                if (order(names[i - 1], names[i]) > 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int SystemFirst(string x, string y)
        {
            var xSystem = IsSystem(x);
            return xSystem != IsSystem(y) ? (xSystem ? -1 : 1) : Alphabetical(x, y);
        }

        private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);

        /// <summary>Name by name, ignoring case first (as the IDE sorts: <c>System.IO</c> after <c>System.Data</c>).</summary>
        private static int Alphabetical(string x, string y)
        {
            var xs = x.Split('.');
            var ys = y.Split('.');
            for (var i = 0; i < Math.Min(xs.Length, ys.Length); i++)
            {
                var compared = string.Compare(xs[i], ys[i], StringComparison.OrdinalIgnoreCase);
                if (compared != 0)
                {
                    return compared;
                }
            }

            return xs.Length.CompareTo(ys.Length);
        }
    }
}

using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Baseline
{
    /// <summary>
    /// The <see cref="FindingKey"/> of a diagnostic, the same in the build (the suppressor and the baseline analyzer)
    /// and in race-audit, which writes the baseline: lines inserted above a finding, a move within its file or a
    /// reformat leave it unchanged; a rename of its member or a change of the code it quotes makes a new finding.
    /// </summary>
    internal static class Fingerprint
    {
        /// <summary>How much of each quoted operation counts: messages cut quotes at 60 characters, whitespace included.</summary>
        internal const int OperationLength = 40;

        private static readonly Regex Quoted = new Regex("'([^']*)'", RegexOptions.CultureInvariant);
        private static readonly Regex Whitespace = new Regex(@"\s+", RegexOptions.CultureInvariant);
        private static readonly Regex LineReference = new Regex(@"\(?\b(?:at )?line \d+\)?|\b[\w.-]+\.cs:\d+", RegexOptions.CultureInvariant);

        public static FindingKey Of(Diagnostic diagnostic, string assembly, Func<SyntaxTree, SemanticModel?> semanticModel)
        {
            var location = diagnostic.Location;
            var model = location.IsInSource && location.SourceTree != null ? semanticModel(location.SourceTree) : null;
            var member = model != null ? Member(model, location.SourceSpan.Start) : string.Empty;
            return new FindingKey(diagnostic.Id, assembly, member, Operations(diagnostic.GetMessage(CultureInfo.InvariantCulture)));
        }

        /// <summary>The documentation id of the member (method, accessor, constructor, field) around a position; lambdas and local functions belong to theirs.</summary>
        public static string Member(SemanticModel model, int position)
        {
            var symbol = model.GetEnclosingSymbol(position);
            while (symbol != null && symbol.ContainingSymbol is { } container && !(container is INamespaceOrTypeSymbol))
            {
                symbol = container;
            }

            return symbol == null ? string.Empty : DocumentationCommentId.CreateDeclarationId(symbol) ?? string.Empty;
        }

        /// <summary>
        /// The code a message quotes ('…'), each without whitespace and cut to its first 40 characters, joined by " | ";
        /// a message that quotes nothing counts whole, without its line references.
        /// </summary>
        public static string Operations(string message)
        {
            var quotes = Quoted.Matches(message);
            if (quotes.Count == 0)
            {
                return Whitespace.Replace(LineReference.Replace(message, string.Empty), " ").Trim();
            }

            var operations = new StringBuilder();
            foreach (Match quote in quotes)
            {
                var code = Whitespace.Replace(quote.Groups[1].Value, string.Empty).TrimEnd('…');
                if (operations.Length > 0)
                {
                    operations.Append(" | ");
                }

                operations.Append(code.Length > OperationLength ? code.Substring(0, OperationLength) : code);
            }

            return operations.ToString();
        }
    }
}

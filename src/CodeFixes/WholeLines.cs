using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// Text edits that remove statements with their own lines (indentation and line break), keeping a comment
    /// that shares a line, and that leave no doubled blank line nor a blank line before a closing brace.
    /// </summary>
    internal static class WholeLines
    {
        public static IEnumerable<TextChange> Removal(SourceText text, IEnumerable<StatementSyntax> statements)
        {
            var spans = statements.Select(statement => LinesOf(text, statement)).OrderBy(span => span.Start).ToList();
            var merged = new List<TextSpan>();
            foreach (var span in spans)
            {
                if (merged.Count > 0 && merged[merged.Count - 1].End == span.Start)
                {
                    merged[merged.Count - 1] = TextSpan.FromBounds(merged[merged.Count - 1].Start, span.End);
                }
                else
                {
                    merged.Add(span);
                }
            }

            return merged.Select(span => new TextChange(WithBlankLineBefore(text, span), string.Empty));
        }

        /// <summary>The statement's lines when nothing else shares them, else the statement alone.</summary>
        private static TextSpan LinesOf(SourceText text, StatementSyntax statement)
        {
            var first = text.Lines.GetLineFromPosition(statement.SpanStart);
            var last = text.Lines.GetLineFromPosition(statement.Span.End);
            var before = text.ToString(TextSpan.FromBounds(first.Start, statement.SpanStart));
            var after = text.ToString(TextSpan.FromBounds(statement.Span.End, last.End));
            return string.IsNullOrWhiteSpace(before) && string.IsNullOrWhiteSpace(after)
                ? TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak)
                : statement.Span;
        }

        /// <summary>Whole lines between a blank line and a blank line or a closing brace take the blank line before them too.</summary>
        private static TextSpan WithBlankLineBefore(SourceText text, TextSpan span)
        {
            var startLine = text.Lines.GetLineFromPosition(span.Start);
            if (span.Start != startLine.Start || span.End >= text.Length || startLine.LineNumber == 0)
            {
                return span;
            }

            var previous = text.Lines[startLine.LineNumber - 1];
            var next = text.Lines.GetLineFromPosition(span.End).ToString().Trim();
            return string.IsNullOrWhiteSpace(previous.ToString()) && (next.Length == 0 || next.StartsWith("}"))
                ? TextSpan.FromBounds(previous.Start, span.End)
                : span;
        }
    }
}

using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>RACE004's "Lock the row": the SELECT's string literal gains the dialect's row lock, keeping its kind and layout.</summary>
    internal static class RowLockRewriter
    {
        /// <summary>A table name after FROM followed by WHERE or the end: where SQL Server's table hint goes.</summary>
        private static readonly Regex FromTable = new Regex(@"(?i)(?<from>\bFROM\s+[\w\.\[\]""]+)(?=\s+WHERE\b|\s*""+$|\s*;)", RegexOptions.CultureInvariant);

        /// <summary>What a row lock cannot be taken on: aggregates, grouping, DISTINCT, set operations.</summary>
        private static readonly Regex Unlockable = new Regex(@"(?i)\b(COUNT|SUM|AVG|MIN|MAX)\s*\(|\bGROUP\s+BY\b|\bDISTINCT\b|\bUNION\b|\bINTERSECT\b|\bEXCEPT\b", RegexOptions.CultureInvariant);

        /// <summary>The SELECT reads rows it can lock.</summary>
        public static bool CanLock(LiteralExpressionSyntax select) => !Unlockable.IsMatch(select.Token.ValueText);

        public static SyntaxNode? LockRow(SyntaxNode root, LiteralExpressionSyntax select, string dialect)
        {
            var text = select.Token.Text;
            string? rewritten;
            if (SqlDialect.LocksWithTableHint(dialect))
            {
                if (FromTable.Matches(text).Count != 1)
                {
                    return null;
                }

                rewritten = FromTable.Replace(text, m => m.Groups["from"].Value + " " + SqlDialect.TableHintRowLock);
            }
            else
            {
                rewritten = SqlText.Append(text, SqlDialect.TrailingRowLock);
            }

            if (rewritten == null || !(SyntaxFactory.ParseExpression(rewritten) is LiteralExpressionSyntax literal) || literal.ContainsDiagnostics || !literal.Token.IsKind(select.Token.Kind()))
            {
                return null;
            }

            return root.ReplaceNode(select, literal.WithTriviaFrom(select));
        }
    }
}

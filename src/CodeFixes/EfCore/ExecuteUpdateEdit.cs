using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.EfCore
{
    /// <summary>
    /// RACE008's default fix, for an entity loaded (<see cref="OneRowLoad"/>) only to be checked and changed once:
    /// one <c>ExecuteUpdate(Async)</c> where the change was saved, with the check carried into its <c>Where</c>
    /// (<see cref="CarriedCheck"/>) and the check's branch taken when no row was updated.
    /// <code>
    /// var product = await _db.Products.FindAsync(id);                       var product = await _db.Products.FindAsync(id);
    /// if (product is null || product.Stock &lt; qty) return false;           if (product is null || product.Stock &lt; qty) return false;
    /// await _audit.RecordAsync(id, qty);                                 →  await _audit.RecordAsync(id, qty);
    /// product.Stock -= qty;                                                 var updated = await _db.Products
    /// await _db.SaveChangesAsync();                                             .Where(p =&gt; p.Id == id &amp;&amp; p.Stock &gt;= qty)
    ///                                                                           .ExecuteUpdateAsync(s =&gt; s.SetProperty(p =&gt; p.Stock, p =&gt; p.Stock - qty));
    ///                                                                       if (updated == 0) return false;
    /// </code>
    /// With work between the load and the save, the load and the check stay where they were (the work still runs
    /// only after the check passed, and before anything changes), and the update re-checks atomically. With
    /// nothing between, the update replaces the load. A load without a check qualifies when it threw for a missing
    /// row (<c>First</c>, <c>Single</c>) and nothing runs between: no row updated throws as it did. The save goes
    /// when <see cref="UnusedSave"/> proves it has nothing left to save. Null (no such fix) for any other shape.
    /// </summary>
    internal static class ExecuteUpdateEdit
    {
        private const string NoRowMessage = "Sequence contains no elements.";

        public static TextChange[]? For(SemanticModel model, InvocationExpressionSyntax load, SyntaxNode write, SyntaxNode save, SourceText text, CancellationToken cancellationToken)
        {
            if (!EfCoreShapes.HasExecuteUpdate(model.Compilation)
                || !(LoadStatement(load) is { } declaration)
                || !(declaration.Parent is BlockSyntax block)
                || !(write.Parent is ExpressionStatementSyntax writeStatement)
                || !(StatementFacts.ChildOf(block, save) is { } saveStatement))
            {
                return null;
            }

            var function = block.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax || a is LocalFunctionStatementSyntax || a is AnonymousFunctionExpressionSyntax) ?? block;
            var statements = block.Statements;
            int at = statements.IndexOf(declaration), written = statements.IndexOf(writeStatement), saved = statements.IndexOf(saveStatement);
            var entity = declaration.Declaration.Variables[0].Identifier.ValueText;
            if (!(at < written && written < saved)
                || !(OneRowLoad.Of(load, model, function, cancellationToken) is { } row)
                || row.IsAsync != (declaration.Declaration.Variables[0].Initializer!.Value is AwaitExpressionSyntax)
                || !(PropertyWritten(write, entity) is { } property)
                || !(NewValue(write, entity, property, row.Parameter) is { } newValue))
            {
                return null;
            }

            var first = statements.Skip(at + 1).First(s => EntityText.Mentions(s, entity));
            var guard = first as IfStatementSyntax;
            if (first != writeStatement && (guard == null || guard.Else != null || !Leaves(guard.Statement) || EntityText.Mentions(guard.Statement, entity)
                                            || guard.Statement.DescendantNodesAndSelf().OfType<LabeledStatementSyntax>().Any()))
            {
                return null;
            }

            var keep = guard == null ? string.Empty : CarriedCheck.KeepCondition(guard.Condition, entity, property, row.Parameter);
            var work = statements.Skip(at + 1).Take(saved - at - 1).Where(s => s != guard && s != writeStatement).ToList();
            if (keep == null
                || statements.Any(s => s != declaration && s != guard && s != writeStatement && EntityText.Mentions(s, entity))
                || (guard == null && (work.Count > 0 || !row.ThrowsWhenNoRow))
                || (work.Count > 0 && !InputsHold(row, guard!, writeStatement, statements, at, saved)))
            {
                return null;
            }

            var layout = new Layout(text, work.Count == 0 ? declaration : saveStatement);
            var updated = StatementFacts.FreeName(function, "updated");
            var setters = StatementFacts.FreeName(function, "s");
            var where = row.Parameter + " => " + (keep.Length == 0 ? row.Condition.ToString().Trim() : EntityText.Grouped(row.Condition) + " && " + keep);
            var update = "var " + updated + " = " + (row.IsAsync ? "await " : string.Empty) + row.Set.ToString().Trim()
                         + layout.Continued + ".Where(" + where + ")"
                         + layout.Continued + "." + EfCoreShapes.ExecuteUpdateName(row.IsAsync) + "(" + setters + " => " + setters + ".SetProperty("
                         + row.Parameter + " => " + row.Parameter + "." + property + ", " + row.Parameter + " => " + newValue + ")" + row.TrailingArguments + ");";
            var noRow = "if (" + updated + " == 0)" + (guard != null
                ? text.ToString(TextSpan.FromBounds(guard.CloseParenToken.Span.End, guard.Span.End))
                : layout.Next + "{" + layout.Next + layout.Unit + "throw new " + ExceptionName(model, declaration.SpanStart) + "(\"" + NoRowMessage + "\");" + layout.Next + "}");

            var removeSave = UnusedSave.CanRemove(saveStatement, (InvocationExpressionSyntax)save, load, model, cancellationToken);
            var changes = new List<TextChange>();
            var removed = new List<StatementSyntax> { writeStatement };
            if (work.Count == 0)
            {
                // Nothing runs between the load and the save: the update takes the load's place.
                changes.Add(new TextChange(declaration.Span, guard == null ? update + layout.Next + noRow : update));
                if (guard != null)
                {
                    changes.Add(new TextChange(guard.Condition.Span, updated + " == 0"));
                }

                if (removeSave)
                {
                    removed.Add(saveStatement);
                }
            }
            else if (removeSave)
            {
                changes.Add(new TextChange(saveStatement.Span, update + layout.Next + noRow));
            }
            else
            {
                changes.Add(new TextChange(new TextSpan(saveStatement.SpanStart, 0), update + layout.Next + noRow + layout.BlankLine));
            }

            changes.AddRange(WholeLines.Removal(text, removed));
            if (!(Imports(model, row, declaration, text) is { } imports))
            {
                return null;
            }

            changes.AddRange(imports);
            return changes.ToArray();
        }

        /// <summary>
        /// Where the update moves past work, what it evaluates again must not have changed: the load's condition
        /// since the load, the check since the check, the new value since the write.
        /// </summary>
        private static bool InputsHold(OneRowLoad row, IfStatementSyntax guard, ExpressionStatementSyntax write, SyntaxList<StatementSyntax> statements, int load, int save)
        {
            var between = statements.Skip(load + 1).Take(save - load - 1).ToList();
            List<StatementSyntax> After(StatementSyntax statement) => between.SkipWhile(s => s != statement).Skip(1).Where(s => s != write && s != guard).ToList();
            var sinceLoad = between.Where(s => s != write && s != guard).ToList();
            return !StatementFacts.WrittenNames(sinceLoad).Overlaps(row.Inputs.SelectMany(StatementFacts.IdentifiersIn))
                   && !StatementFacts.DeclaredNames(sinceLoad).Contains(row.Parameter)
                   && !StatementFacts.WrittenNames(After(guard)).Overlaps(StatementFacts.IdentifiersIn(guard.Condition))
                   && !StatementFacts.WrittenNames(After(write)).Overlaps(StatementFacts.IdentifiersIn(write));
        }

        /// <summary>
        /// The usings <c>Where</c> and <c>ExecuteUpdate</c> need where the update goes (a load by <c>Find</c> needs
        /// neither); null when one is missing and the file has no usings to place it among.
        /// </summary>
        private static List<TextChange>? Imports(SemanticModel model, OneRowLoad row, SyntaxNode at, SourceText text)
        {
            var set = model.GetTypeInfo(row.Set).Type;
            var missing = new List<string>();
            if (!model.LookupSymbols(at.SpanStart, set, "Where", includeReducedExtensionMethods: true).Any(m => m.ContainingType?.ToDisplayString() == "System.Linq.Queryable"))
            {
                missing.Add("System.Linq");
            }

            if (model.LookupSymbols(at.SpanStart, set, EfCoreShapes.ExecuteUpdateName(row.IsAsync), includeReducedExtensionMethods: true).IsEmpty)
            {
                missing.Add("Microsoft.EntityFrameworkCore");
            }

            return missing.Count == 0 ? new List<TextChange>() : UsingPlacement.Insertions(at, missing, text);
        }

        private static string ExceptionName(SemanticModel model, int position)
        {
            var exception = model.Compilation.GetTypeByMetadataName("System.InvalidOperationException");
            return model.LookupNamespacesAndTypes(position, name: "InvalidOperationException").Any(t => SymbolEqualityComparer.Default.Equals(t, exception))
                ? "InvalidOperationException"
                : "System.InvalidOperationException";
        }

        private static LocalDeclarationStatementSyntax? LoadStatement(InvocationExpressionSyntax load)
        {
            var value = load.Parent is AwaitExpressionSyntax awaited ? (SyntaxNode)awaited : load;
            return value.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } } }
                ? statement
                : null;
        }

        private static bool Leaves(StatementSyntax statement)
        {
            var last = statement is BlockSyntax block ? block.Statements.LastOrDefault() : statement;
            return last is ReturnStatementSyntax || last is ThrowStatementSyntax || last is ContinueStatementSyntax || last is BreakStatementSyntax;
        }

        /// <summary>The property of the entity the write sets (<c>product.Stock</c> in <c>product.Stock -= qty</c>).</summary>
        private static string? PropertyWritten(SyntaxNode write, string entity)
        {
            var target = write switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                PrefixUnaryExpressionSyntax prefix => prefix.Operand,
                _ => null,
            };
            return target is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: var name } && owner.Identifier.ValueText == entity
                ? name.Identifier.ValueText
                : null;
        }

        /// <summary>The value the write stores, said of the lambda's parameter: <c>p.Stock - qty</c>.</summary>
        private static string? NewValue(SyntaxNode write, string entity, string property, string parameter)
        {
            var current = parameter + "." + property;
            switch (write)
            {
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    return EntityText.OnlyReads(assignment.Right, entity, property) ? EntityText.Renamed(assignment.Right, entity, parameter) : null;
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.AddAssignmentExpression) || assignment.IsKind(SyntaxKind.SubtractAssignmentExpression):
                    if (EntityText.Mentions(assignment.Right, entity))
                    {
                        return null;
                    }

                    return current + (assignment.IsKind(SyntaxKind.AddAssignmentExpression) ? " + " : " - ") + EntityText.Grouped(assignment.Right);
                case PostfixUnaryExpressionSyntax step:
                    return current + (step.IsKind(SyntaxKind.PostIncrementExpression) ? " + 1" : " - 1");
                case PrefixUnaryExpressionSyntax step:
                    return current + (step.IsKind(SyntaxKind.PreIncrementExpression) ? " + 1" : " - 1");
                default:
                    return null;
            }
        }

        /// <summary>The line breaks and indentation of the statement the update is written at.</summary>
        private sealed class Layout
        {
            public Layout(SourceText text, StatementSyntax at)
            {
                var line = text.Lines.GetLineFromPosition(at.SpanStart);
                var indentation = text.ToString(TextSpan.FromBounds(line.Start, at.SpanStart));
                Unit = indentation.Contains("\t") ? "\t" : "    ";
                var lineBreak = FileLayout.LineBreakOf(text);
                Next = lineBreak + indentation;
                Continued = Next + Unit;
                BlankLine = lineBreak + Next;
            }

            /// <summary>One level of indentation, as the file writes it.</summary>
            public string Unit { get; }

            /// <summary>A new line at the statement's indentation.</summary>
            public string Next { get; }

            /// <summary>An empty line, then a new line at the statement's indentation.</summary>
            public string BlankLine { get; }

            /// <summary>A new line one level in: a call chain's next step.</summary>
            public string Continued { get; }
        }
    }
}

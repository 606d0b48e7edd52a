using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// A tree's text as the scan reads it: a unit at a time, as the tokens the C# lexer makes of it, with the
    /// preprocessor symbols the tree was parsed with and the ones the file defines at its top. Lexing makes no syntax
    /// nodes: walking every node of every tree created the ones the compiler had not, and cost about twice what
    /// lexing the same text does (bench/README.md, "The scan reads tokens").
    /// </summary>
    internal sealed class ScanText
    {
        // A unit's tokens, kept per thread: a unit's read never starts another's (a string's holes get a list of their
        // own), and the list only grows to the largest unit.
        [ThreadStatic]
        private static List<SyntaxToken>? _tokens;

        private readonly string _text;
        private readonly CSharpParseOptions _options;

        private ScanText(string text, CSharpParseOptions options)
        {
            _text = text;
            _options = options;
        }

        public static ScanText Of(SyntaxTree tree, SyntaxNode root)
            => new ScanText(tree.GetText().ToString(), OptionsOf(tree, root));

        /// <summary>Records what the tokens of <paramref name="unit"/> show, through <see cref="TokenPatterns"/>.</summary>
        public void Read(SyntaxNode unit, TreeScanBuilder builder)
        {
            var tokens = _tokens ??= new List<SyntaxToken>();
            try
            {
                Read(unit.FullSpan, unit, builder, tokens);
            }
            finally
            {
                tokens.Clear(); // holds on to no tree's tokens
            }
        }

        /// <summary>
        /// Reads the holes of the interpolated string whose token starts at <paramref name="position"/> (the lexer
        /// returns the string as one token; the parser split it into text and holes).
        /// </summary>
        public void ReadInterpolations(SyntaxNode unit, int position, TreeScanBuilder builder)
        {
            // The lexer reads a unit on its own; should it see a string the parser did not (half-typed code), there is no hole to read.
            if (unit.FullSpan.Contains(position)
                && unit.FindToken(position).Parent is InterpolatedStringExpressionSyntax interpolated
                && interpolated.SpanStart == position)
            {
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolationSyntax hole)
                    {
                        Read(hole.Expression.FullSpan, unit, builder, new List<SyntaxToken>());
                    }
                }
            }
        }

        private void Read(TextSpan span, SyntaxNode unit, TreeScanBuilder builder, List<SyntaxToken> tokens)
        {
            foreach (var token in SyntaxFactory.ParseTokens(_text, span.Start, span.Start, _options))
            {
                // Every record sits at a token of the span, so a unit's records stay inside it and copying a unit's
                // share of an earlier scan (EditedTreeScan) takes exactly what reading it gives.
                if (token.SpanStart >= span.End || token.IsKind(SyntaxKind.EndOfFileToken))
                {
                    break;
                }

                tokens.Add(token);
            }

            TokenPatterns.Read(tokens, unit, this, builder);
        }

        /// <summary>
        /// The tree's options with the symbols its own <c>#define</c> and <c>#undef</c> set (they can only stand before
        /// the first token), so a unit lexed on its own sees the same code active as the whole file does. Documentation
        /// comments are lexed as plain comments: the scan reads no names in them.
        /// </summary>
        private static CSharpParseOptions OptionsOf(SyntaxTree tree, SyntaxNode root)
        {
            var options = (tree.Options as CSharpParseOptions ?? CSharpParseOptions.Default).WithDocumentationMode(DocumentationMode.None);
            HashSet<string>? symbols = null;
            foreach (var trivia in root.GetLeadingTrivia())
            {
                switch (trivia.GetStructure())
                {
                    case DefineDirectiveTriviaSyntax define when define.IsActive:
                        (symbols ??= new HashSet<string>(options.PreprocessorSymbolNames)).Add(define.Name.ValueText);
                        break;
                    case UndefDirectiveTriviaSyntax undefine when undefine.IsActive:
                        (symbols ??= new HashSet<string>(options.PreprocessorSymbolNames)).Remove(undefine.Name.ValueText);
                        break;
                }
            }

            return symbols == null ? options : options.WithPreprocessorSymbols(symbols);
        }
    }
}

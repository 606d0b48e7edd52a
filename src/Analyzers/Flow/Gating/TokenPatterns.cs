using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// What a unit's tokens show without parsing them: invocations, <c>lock</c> and <c>finally</c>, element accesses,
    /// object creations, subscriptions and event declarations. Gates only skip a body the scan finds nothing in, so
    /// wherever tokens alone cannot tell, the pattern records (a constructor declared without modifiers counts as a
    /// call of its name, so do an attribute and <c>(T)(x)</c>): every record a parse would make is made, at the position
    /// <see cref="TreeScan"/> gives for it, and a few more. The lexer returns an interpolated string whole; its
    /// holes are found in its syntax and read the same way (<see cref="ScanText.ReadInterpolations"/>).
    /// </summary>
    internal static class TokenPatterns
    {
        // How far a pattern looks ahead for the end of type arguments or of an indexer's brackets; past it, it assumes
        // the answer that records more.
        private const int MaxLookahead = 256;

        public static void Read(List<SyntaxToken> tokens, SyntaxNode unit, ScanText text, TreeScanBuilder builder)
        {
            var typeNameEnd = -1; // tokens of a created type's name, which are not calls
            var arrayCreationBracket = -1;
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                switch (token.Kind())
                {
                    case SyntaxKind.IdentifierToken:
                        if (i > typeNameEnd)
                        {
                            ReadName(tokens, i, builder);
                        }

                        break;
                    case SyntaxKind.CloseParenToken:
                    case SyntaxKind.CloseBracketToken:
                        if (Is(tokens, i + 1, SyntaxKind.OpenParenToken))
                        {
                            // f()(x), handlers[0](x), f(x)(y): a delegate invoked, no name. (a.Save)(x) invokes Save, but
                            // tokens cannot tell it from f(x)(y), nor a cast, (T)(x), from either: a name right before
                            // the ) is recorded as well.
                            if (token.IsKind(SyntaxKind.CloseParenToken) && Is(tokens, i - 1, SyntaxKind.IdentifierToken))
                            {
                                builder.AddInvocation(tokens[i - 1].SpanStart, tokens[i - 1].ValueText);
                            }

                            builder.AddInvocation(tokens[i + 1].SpanStart, null);
                        }

                        break;
                    case SyntaxKind.OpenBracketToken:
                        if (i != arrayCreationBracket && IsElementAccess(tokens, i))
                        {
                            builder.AddElementAccess(token.SpanStart, IsAssigned(tokens, i));
                        }

                        break;
                    case SyntaxKind.LockKeyword:
                        builder.AddLock(token.SpanStart);
                        break;
                    case SyntaxKind.FinallyKeyword:
                        builder.AddFinally(token.SpanStart);
                        break;
                    case SyntaxKind.NewKeyword:
                        ReadCreation(tokens, i, builder, out typeNameEnd, out arrayCreationBracket);
                        break;
                    case SyntaxKind.PlusEqualsToken:
                        ReadSubscription(tokens, i, builder);
                        break;
                    case SyntaxKind.EventKeyword:
                        ReadEvents(tokens, i, builder);
                        break;
                    case SyntaxKind.InterpolatedStringToken:
                        text.ReadInterpolations(unit, token.SpanStart, builder);
                        break;
                }
            }
        }

        /// <summary><c>Name(</c> or <c>Name&lt;T&gt;(</c>, unless what precedes the name makes it a declaration (<c>void Name(</c>).</summary>
        private static void ReadName(List<SyntaxToken> tokens, int i, TreeScanBuilder builder)
        {
            var next = i + 1;
            if (Is(tokens, next, SyntaxKind.LessThanToken))
            {
                next = AfterTypeArguments(tokens, next);
            }

            if (next > 0 && Is(tokens, next, SyntaxKind.OpenParenToken) && !DeclaresName(tokens, i - 1))
            {
                builder.AddInvocation(tokens[i].SpanStart, tokens[i].ValueText);
            }
        }

        /// <summary>
        /// Whether the token before a name followed by <c>(</c> makes it a method, local function, constructor or
        /// operator being declared: a type keyword, a modifier, or a type's name (two names in a row are a declaration,
        /// except after the contextual keywords that start an expression, <c>await Save()</c>, <c>select Map(x)</c>),
        /// generic ones too (<c>Task&lt;int&gt; Load(</c>, but not <c>a &gt; Load(</c>).
        /// </summary>
        private static bool DeclaresName(List<SyntaxToken> tokens, int before)
        {
            if (before < 0)
            {
                return false;
            }

            var token = tokens[before];
            switch (token.Kind())
            {
                case SyntaxKind.IdentifierToken:
                    return !StartsExpression(SyntaxFacts.GetContextualKeywordKind(token.ValueText));
                case SyntaxKind.GreaterThanToken:
                    return ClosesTypeArguments(tokens, before);
                case SyntaxKind.PublicKeyword:
                case SyntaxKind.PrivateKeyword:
                case SyntaxKind.ProtectedKeyword:
                case SyntaxKind.InternalKeyword:
                case SyntaxKind.StaticKeyword:
                case SyntaxKind.ExternKeyword:
                case SyntaxKind.AbstractKeyword:
                case SyntaxKind.VirtualKeyword:
                case SyntaxKind.OverrideKeyword:
                case SyntaxKind.SealedKeyword:
                case SyntaxKind.UnsafeKeyword:
                case SyntaxKind.OperatorKeyword:
                    return true;
                default:
                    return SyntaxFacts.IsPredefinedType(token.Kind());
            }
        }

        private static bool StartsExpression(SyntaxKind contextual)
        {
            switch (contextual)
            {
                case SyntaxKind.AwaitKeyword:
                case SyntaxKind.SelectKeyword:
                case SyntaxKind.WhereKeyword:
                case SyntaxKind.OrderByKeyword:
                case SyntaxKind.GroupKeyword:
                case SyntaxKind.ByKeyword:
                case SyntaxKind.OnKeyword:
                case SyntaxKind.EqualsKeyword:
                case SyntaxKind.WhenKeyword:
                case SyntaxKind.AndKeyword:
                case SyntaxKind.OrKeyword:
                case SyntaxKind.NotKeyword:
                case SyntaxKind.FromKeyword:
                case SyntaxKind.LetKeyword:
                case SyntaxKind.JoinKeyword:
                case SyntaxKind.IntoKeyword:
                case SyntaxKind.AscendingKeyword:
                case SyntaxKind.DescendingKeyword:
                case SyntaxKind.YieldKeyword:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The index after the <c>&gt;</c> that closes the type arguments opened at <paramref name="open"/>; -1 when the
        /// tokens there cannot be type arguments (<c>a &lt; b</c>).
        /// </summary>
        private static int AfterTypeArguments(List<SyntaxToken> tokens, int open)
        {
            var depth = 0;
            var end = Math.Min(tokens.Count, open + MaxLookahead);
            for (var i = open; i < end; i++)
            {
                var kind = tokens[i].Kind();
                switch (kind)
                {
                    case SyntaxKind.LessThanToken:
                        depth++;
                        break;
                    case SyntaxKind.GreaterThanToken:
                        if (--depth == 0)
                        {
                            return i + 1;
                        }

                        break;
                    default:
                        if (!MayBeInTypeArguments(kind))
                        {
                            return -1;
                        }

                        break;
                }
            }

            return -1;
        }

        /// <summary>Whether the <c>&gt;</c> at <paramref name="close"/> ends type arguments that follow a name: every token back to its <c>&lt;</c> can be part of a type.</summary>
        private static bool ClosesTypeArguments(List<SyntaxToken> tokens, int close)
        {
            var depth = 0;
            var end = Math.Max(-1, close - MaxLookahead);
            for (var i = close; i > end; i--)
            {
                var kind = tokens[i].Kind();
                switch (kind)
                {
                    case SyntaxKind.GreaterThanToken:
                        depth++;
                        break;
                    case SyntaxKind.LessThanToken:
                        if (--depth == 0)
                        {
                            return i > 0 && tokens[i - 1].IsKind(SyntaxKind.IdentifierToken);
                        }

                        break;
                    default:
                        if (!MayBeInTypeArguments(kind))
                        {
                            return false;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool MayBeInTypeArguments(SyntaxKind kind)
        {
            switch (kind)
            {
                case SyntaxKind.IdentifierToken:
                case SyntaxKind.DotToken:
                case SyntaxKind.CommaToken:
                case SyntaxKind.ColonColonToken:
                case SyntaxKind.QuestionToken:
                case SyntaxKind.OpenBracketToken:
                case SyntaxKind.CloseBracketToken:
                case SyntaxKind.AsteriskToken:
                case SyntaxKind.OpenParenToken:
                case SyntaxKind.CloseParenToken:
                    return true;
                default:
                    return SyntaxFacts.IsPredefinedType(kind);
            }
        }

        /// <summary><c>x[</c>, <c>f()[</c>, <c>a[i][</c>, <c>this[</c>; not a rank (<c>T[]</c>, <c>T[,]</c>) or an attribute or collection after an operator.</summary>
        private static bool IsElementAccess(List<SyntaxToken> tokens, int open)
        {
            if (open == 0 || Is(tokens, open + 1, SyntaxKind.CloseBracketToken) || Is(tokens, open + 1, SyntaxKind.CommaToken))
            {
                return false;
            }

            switch (tokens[open - 1].Kind())
            {
                case SyntaxKind.IdentifierToken:
                case SyntaxKind.CloseParenToken:
                case SyntaxKind.CloseBracketToken:
                case SyntaxKind.ThisKeyword:
                case SyntaxKind.BaseKeyword:
                case SyntaxKind.ExclamationToken:
                case SyntaxKind.StringLiteralToken:
                case SyntaxKind.InterpolatedStringToken:
                case SyntaxKind.SingleLineRawStringLiteralToken:
                case SyntaxKind.MultiLineRawStringLiteralToken:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether the brackets opened at <paramref name="open"/> are assigned to (<c>d[k] = v</c>, <c>d[k] += 1</c>,
        /// <c>d[k] ??= v</c>). Brackets that do not close within the statement count as assigned.
        /// </summary>
        private static bool IsAssigned(List<SyntaxToken> tokens, int open)
        {
            var depth = 0;
            var end = Math.Min(tokens.Count, open + MaxLookahead);
            for (var i = open; i < end; i++)
            {
                switch (tokens[i].Kind())
                {
                    case SyntaxKind.OpenBracketToken:
                        depth++;
                        break;
                    case SyntaxKind.CloseBracketToken:
                        if (--depth == 0)
                        {
                            return i + 1 < tokens.Count && IsAssignmentStart(tokens[i + 1].Kind());
                        }

                        break;
                    case SyntaxKind.SemicolonToken:
                    case SyntaxKind.OpenBraceToken:
                    case SyntaxKind.CloseBraceToken:
                        return true;
                }
            }

            return true;
        }

        // >>= and >>>= are lexed as > followed by >= (the parser joins them), so > counts too.
        private static bool IsAssignmentStart(SyntaxKind kind)
            => kind == SyntaxKind.GreaterThanToken || SyntaxFacts.IsAssignmentExpressionOperatorToken(kind);

        /// <summary>
        /// <c>new T(</c> or <c>new T {</c> with T named (qualified or generic: <c>new A.B&lt;C&gt;()</c> gives B); not
        /// <c>new()</c>, <c>new int[n]</c> or the <c>new</c> modifier. The type's tokens are not calls, and the brackets of
        /// <c>new T[n]</c> are not an element access.
        /// </summary>
        private static void ReadCreation(List<SyntaxToken> tokens, int at, TreeScanBuilder builder, out int typeNameEnd, out int arrayCreationBracket)
        {
            typeNameEnd = at;
            arrayCreationBracket = -1;
            string? name = null;
            var i = at + 1;
            if (Is(tokens, i + 1, SyntaxKind.ColonColonToken))
            {
                i += 2; // global:: or an alias
            }

            while (Is(tokens, i, SyntaxKind.IdentifierToken))
            {
                name = tokens[i].ValueText;
                i++;
                if (Is(tokens, i, SyntaxKind.LessThanToken))
                {
                    i = AfterTypeArguments(tokens, i);
                    if (i < 0)
                    {
                        return;
                    }
                }

                if (!Is(tokens, i, SyntaxKind.DotToken))
                {
                    break;
                }

                i++;
            }

            if (name == null)
            {
                return;
            }

            typeNameEnd = i - 1;
            if (Is(tokens, i, SyntaxKind.OpenParenToken) || Is(tokens, i, SyntaxKind.OpenBraceToken))
            {
                builder.AddCreation(tokens[at].SpanStart, name);
            }
            else if (Is(tokens, i, SyntaxKind.OpenBracketToken))
            {
                arrayCreationBracket = i;
            }
        }

        /// <summary>
        /// <c>x.E += h</c> and <c>(x.E) += h</c> by the name on the left, unless the right side starts with a literal or
        /// anything else no handler starts with (<c>count += 1</c>).
        /// </summary>
        private static void ReadSubscription(List<SyntaxToken> tokens, int at, TreeScanBuilder builder)
        {
            var left = at - 1;
            if (Is(tokens, left, SyntaxKind.CloseParenToken))
            {
                left--;
            }

            if (!Is(tokens, left, SyntaxKind.IdentifierToken) || at + 1 >= tokens.Count)
            {
                return;
            }

            var right = tokens[at + 1].Kind();
            if (right == SyntaxKind.IdentifierToken || right == SyntaxKind.OpenParenToken || right == SyntaxKind.DelegateKeyword || right == SyntaxKind.StaticKeyword
                || right == SyntaxKind.NewKeyword || right == SyntaxKind.ThisKeyword || right == SyntaxKind.BaseKeyword || SyntaxFacts.IsPredefinedType(right))
            {
                builder.AddSubscription(tokens[at].SpanStart, tokens[left].ValueText);
            }
        }

        /// <summary>
        /// <c>event T A, B;</c> and <c>event T I.A { … }</c>: each declared name is the last name before a <c>,</c>,
        /// <c>;</c>, <c>=</c> or <c>{</c> outside the type's angle brackets; an initializer is skipped to its end.
        /// Not <c>[event: …]</c>, an attribute's target.
        /// </summary>
        private static void ReadEvents(List<SyntaxToken> tokens, int at, TreeScanBuilder builder)
        {
            if (Is(tokens, at + 1, SyntaxKind.ColonToken))
            {
                return;
            }

            var angles = 0;
            string? last = null;
            for (var i = at + 1; i < tokens.Count; i++)
            {
                switch (tokens[i].Kind())
                {
                    case SyntaxKind.IdentifierToken:
                        last = tokens[i].ValueText;
                        break;
                    case SyntaxKind.LessThanToken:
                        angles++;
                        break;
                    case SyntaxKind.GreaterThanToken:
                        angles--;
                        break;
                    case SyntaxKind.CommaToken when angles > 0:
                        break;
                    case SyntaxKind.CommaToken:
                    case SyntaxKind.EqualsToken:
                        Declare(last);
                        last = null;
                        if (tokens[i].IsKind(SyntaxKind.EqualsToken))
                        {
                            i = InitializerEnd(tokens, i);
                            if (i >= tokens.Count || tokens[i].IsKind(SyntaxKind.SemicolonToken))
                            {
                                return;
                            }
                        }

                        break;
                    case SyntaxKind.SemicolonToken:
                    case SyntaxKind.OpenBraceToken:
                        Declare(last);
                        return;
                }
            }

            void Declare(string? name)
            {
                if (name != null)
                {
                    builder.AddEvent(tokens[at].SpanStart, name);
                }
            }
        }

        /// <summary>The index of the <c>,</c> or <c>;</c> that ends the initializer after <paramref name="equals"/>, outside any brackets.</summary>
        private static int InitializerEnd(List<SyntaxToken> tokens, int equals)
        {
            var depth = 0;
            for (var i = equals + 1; i < tokens.Count; i++)
            {
                switch (tokens[i].Kind())
                {
                    case SyntaxKind.OpenParenToken:
                    case SyntaxKind.OpenBracketToken:
                    case SyntaxKind.OpenBraceToken:
                        depth++;
                        break;
                    case SyntaxKind.CloseParenToken:
                    case SyntaxKind.CloseBracketToken:
                    case SyntaxKind.CloseBraceToken:
                        depth--;
                        break;
                    case SyntaxKind.CommaToken:
                    case SyntaxKind.SemicolonToken:
                        if (depth == 0)
                        {
                            return i;
                        }

                        break;
                }
            }

            return tokens.Count;
        }

        private static bool Is(List<SyntaxToken> tokens, int index, SyntaxKind kind)
            => index >= 0 && index < tokens.Count && tokens[index].IsKind(kind);
    }
}

using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>What a call to a source method whose body is one try with catches lets escape.</summary>
    internal enum EscapingExceptions
    {
        /// <summary>Not a catching wrapper (or not in source): anything may escape.</summary>
        Any,

        /// <summary>The body wraps one release and catches some exception types (<c>catch (SemaphoreFullException)</c>): what a release is known to throw, taken as all it throws.</summary>
        Few,

        /// <summary>The body catches everything and does not rethrow (<c>try { … } catch { }</c>): nothing escapes.</summary>
        None,
    }

    /// <summary>
    /// Helpers written to fail quietly (<c>SafelyRelease(s)</c>: <c>try { s.Release(); } catch (SemaphoreFullException) { }</c>).
    /// Read from the method's own syntax, so no semantic model of another tree is needed.
    /// </summary>
    internal static class SelfCatchingCalls
    {
        public static EscapingExceptions Of(IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.Length != 1 || !(BodyOf(method.DeclaringSyntaxReferences[0].GetSyntax()) is { Statements.Count: 1 } body)
                || !(body.Statements[0] is TryStatementSyntax { Catches.Count: > 0 } guarded))
            {
                return EscapingExceptions.Any;
            }

            if (guarded.Catches.Any(c => c.Block.DescendantNodes().OfType<ThrowStatementSyntax>().Any()))
            {
                return EscapingExceptions.Any;
            }

            if (guarded.Catches.Any(CatchesEverything))
            {
                return EscapingExceptions.None;
            }

            // Typed catches are taken as all the wrapped call throws only around a single release
            // (SafelyRelease); around other work (try { Process(); } catch (TimeoutException) { }) the rest escapes.
            return WrapsOneRelease(guarded.Block) ? EscapingExceptions.Few : EscapingExceptions.Any;
        }

        private static bool WrapsOneRelease(BlockSyntax block)
            => block.Statements.Count == 1
               && block.Statements[0] is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }
               && InvokedName(call.Expression) is { } name && ApiCatalog.MayRelease(name);

        private static string? InvokedName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };

        private static BlockSyntax? BodyOf(SyntaxNode declaration) => declaration switch
        {
            MethodDeclarationSyntax method => method.Body,
            LocalFunctionStatementSyntax local => local.Body,
            _ => null,
        };

        /// <summary><c>catch { }</c> or <c>catch (Exception)</c> without a filter.</summary>
        private static bool CatchesEverything(CatchClauseSyntax clause)
        {
            if (clause.Filter != null)
            {
                return false;
            }

            var type = clause.Declaration?.Type.ToString();
            return type == null || type == "Exception" || type == "System.Exception" || type == "global::System.Exception";
        }
    }
}

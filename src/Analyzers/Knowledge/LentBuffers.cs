using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Buffers a library lends to a callback only until the callback returns: an implicit return to the library's
    /// pool at the callback's end. RabbitMQ.Client hands a consumer's <c>HandleBasicDeliverAsync</c> (7.x; 6.x's
    /// <c>HandleBasicDeliver</c>) the delivery body as a <c>ReadOnlyMemory&lt;byte&gt;</c> over memory it rented for
    /// the delivery, and disposes that rental as soon as the handler's task completes (AsyncConsumerDispatcher runs
    /// the await inside <c>using (work)</c>); its v7 migration guide says the memory "is only valid for application
    /// use within the context of the executing" handler, and to copy it to use it later.
    /// </summary>
    internal static class LentBuffers
    {
        private const string RabbitNamespace = "RabbitMQ.Client";

        /// <summary>On syntax, before binding: a method that can be a RabbitMQ consumer's delivery handler.</summary>
        public static bool MayLend(SyntaxNode block)
            => block is MethodDeclarationSyntax method && IsDeliveryHandlerName(method.Identifier.ValueText);

        /// <summary>
        /// The parameter of <paramref name="method"/> that holds memory lent until it returns: the body of a
        /// RabbitMQ consumer's delivery handler (an override of the client's consumer base or an implementation of
        /// its consumer interface), or null.
        /// </summary>
        public static IParameterSymbol? LentUntilReturn(IMethodSymbol method, ApiCatalog catalog)
        {
            if (!IsDeliveryHandlerName(method.Name) || !ImplementsClientHandler(method))
            {
                return null;
            }

            foreach (var parameter in method.Parameters)
            {
                if (catalog.IsBufferView(parameter.Type))
                {
                    return parameter;
                }
            }

            return null;
        }

        private static bool IsDeliveryHandlerName(string name) => name == "HandleBasicDeliverAsync" || name == "HandleBasicDeliver";

        private static bool ImplementsClientHandler(IMethodSymbol method)
        {
            for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
            {
                if (IsClientType(overridden.ContainingType))
                {
                    return true;
                }
            }

            foreach (var contract in method.ContainingType.AllInterfaces)
            {
                if (!IsClientType(contract))
                {
                    continue;
                }

                foreach (var member in contract.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsClientType(INamedTypeSymbol? type)
        {
            var ns = type?.ContainingNamespace?.ToDisplayString();
            return ns == RabbitNamespace || ns == RabbitNamespace + ".Events";
        }
    }
}

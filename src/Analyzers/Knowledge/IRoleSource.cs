using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>One family of roles that call summaries follow: which calls play them, and what counts as their data.</summary>
    internal interface IRoleSource
    {
        RoleCall? Classify(IInvocationOperation call, ConfiguredMethods configured);

        /// <summary>
        /// For a call whose target this compilation has no body for (an interface of another project without an
        /// implementation here): the role its name alone says it plays (built-in words and those configured), or null.
        /// </summary>
        RoleCall? ClassifyByName(IInvocationOperation call, ConfiguredMethods configured);

        /// <summary>False when no call of this simple name can play one of the family's roles, configured methods aside.</summary>
        bool MayPlayRole(string methodName);

        /// <summary>
        /// True when every value flowing into a call counts (does a write use the message?); false when only values
        /// that can name an entity count (is this read about the same session as that subscription?).
        /// </summary>
        bool CountsEveryValue { get; }
    }
}

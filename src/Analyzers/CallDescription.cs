using Microsoft.CodeAnalysis;

namespace RaceAnalyzers
{
    /// <summary>
    /// How a message names a call: a text made already (a channel's name), or the call's syntax, quoted
    /// (<see cref="Text.Short"/>) only when a message asks. Rules classify thousands of calls for each one they
    /// report, and quoting each at once cost more than the rest of classifying it.
    /// </summary>
    internal readonly struct CallDescription
    {
        private readonly string? _text;
        private readonly SyntaxNode? _call;

        private CallDescription(string? text, SyntaxNode? call)
        {
            _text = text;
            _call = call;
        }

        public static CallDescription Quoting(SyntaxNode call) => new CallDescription(null, call);

        public static implicit operator CallDescription(string text) => new CallDescription(text, null);

        public override string ToString() => _text ?? (_call == null ? "" : Text.Short(_call));
    }
}

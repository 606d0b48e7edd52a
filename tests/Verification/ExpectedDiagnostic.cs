using System.Collections.Generic;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>An expectation beyond what markup says: which numbered locations are primary and additional, and message text.</summary>
    public sealed class ExpectedDiagnostic
    {
        public ExpectedDiagnostic(string id, int location)
        {
            Id = id;
            Location = location;
        }

        public string Id { get; }

        /// <summary>The <c>{|#n:…|}</c> marker of the primary location.</summary>
        public int Location { get; }

        public List<int> AdditionalLocations { get; } = new List<int>();

        public List<string> MessageFragments { get; } = new List<string>();

        public static ExpectedDiagnostic Race(string id, int location) => new ExpectedDiagnostic(id, location);

        public ExpectedDiagnostic WithAdditional(int location)
        {
            AdditionalLocations.Add(location);
            return this;
        }

        /// <summary>The message must contain every given fragment.</summary>
        public ExpectedDiagnostic WithMessage(params string[] fragments)
        {
            MessageFragments.AddRange(fragments);
            return this;
        }
    }
}

namespace RaceAnalyzers
{
    /// <summary>
    /// The rule ids as constants: descriptors are created from a constant id (so the release tracking analyzer can
    /// read it) and take everything else from the id's <see cref="RuleRecord"/>.
    /// </summary>
    internal static class RuleIds
    {
        public const string Race000 = "RACE000";
        public const string Race001 = "RACE001";
        public const string Race002 = "RACE002";
        public const string Race003 = "RACE003";
        public const string Race004 = "RACE004";
        public const string Race005 = "RACE005";
        public const string Race006 = "RACE006";
        public const string Race007 = "RACE007";
        public const string Race008 = "RACE008";
        public const string Race009 = "RACE009";
        public const string Race010 = "RACE010";
        public const string Race011 = "RACE011";
        public const string Race012 = "RACE012";
        public const string Race013 = "RACE013";
        public const string Race014 = "RACE014";
        public const string Race015 = "RACE015";
    }
}

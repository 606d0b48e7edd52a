namespace RaceAnalyzers.Flow
{
    internal enum WalkDecision
    {
        /// <summary>Keep following paths through this step.</summary>
        Continue,
        /// <summary>Paths end here (the resource was rebound, the answer was found).</summary>
        StopPath,
        /// <summary>The question is answered: stop the whole walk.</summary>
        StopWalk,
    }
}

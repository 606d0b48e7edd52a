namespace RaceAnalyzers.Baseline
{
    /// <summary>
    /// One line of the baseline: <see cref="Count"/> findings with one <see cref="FindingKey"/>, and where the first of
    /// them was when the baseline was written (for review only: matching ignores the file and line).
    /// </summary>
    internal sealed class BaselineEntry
    {
        public BaselineEntry(FindingKey key, int count, string file, int line, string message, int position = -1)
        {
            Key = key;
            Count = count;
            File = file;
            Line = line;
            Message = message;
            Position = position;
        }

        public FindingKey Key { get; }

        public int Count { get; }

        /// <summary>The file, relative to the baseline's folder with '/' separators, when the baseline was written.</summary>
        public string File { get; }

        /// <summary>The 1-based line of the first finding when the baseline was written.</summary>
        public int Line { get; }

        public string Message { get; }

        /// <summary>Where the entry starts in the baseline file (0-based), or -1 for an entry not read from a file.</summary>
        public int Position { get; }
    }
}

using System.Threading.Tasks;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>A proof class with a throwaway PostgreSQL schema of its own, created with <see cref="Tables"/> before its tests and dropped after.</summary>
    public abstract class DatabaseProof : IAsyncLifetime
    {
        private ThrowawaySchema? _db;

        /// <summary>The schema, once <see cref="InitializeAsync"/> ran.</summary>
        internal ThrowawaySchema Db => _db!;

        /// <summary>The DDL (and seed rows) the proof needs.</summary>
        protected abstract string Tables { get; }

        public virtual async Task InitializeAsync() => _db = await ThrowawaySchema.CreateAsync(Tables);

        public virtual async Task DisposeAsync()
        {
            if (_db != null)
            {
                await _db.DisposeAsync();
            }
        }
    }
}

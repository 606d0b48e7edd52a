using System;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// A schema of its own on the PostgreSQL that .ci/run starts (RACE_PG_CONNECTION), created with the tables a
    /// proof needs and dropped afterwards, so proofs run side by side without seeing each other's rows.
    /// </summary>
    internal sealed class ThrowawaySchema : IAsyncDisposable
    {
        private readonly NpgsqlDataSource _admin;
        private readonly string _name;

        private ThrowawaySchema(NpgsqlDataSource admin, string name, NpgsqlDataSource source)
        {
            _admin = admin;
            _name = name;
            Source = source;
        }

        /// <summary>Connections whose search path is the schema.</summary>
        public NpgsqlDataSource Source { get; }

        public static async Task<ThrowawaySchema> CreateAsync(string tables)
        {
            var connection = Environment.GetEnvironmentVariable("RACE_PG_CONNECTION");
            Assert.False(string.IsNullOrEmpty(connection), "RACE_PG_CONNECTION is not set: run the tests through `bash .ci/run`, which starts a throwaway PostgreSQL.");
            var name = "race_" + Guid.NewGuid().ToString("N").Substring(0, 12);
            var admin = NpgsqlDataSource.Create(connection!);
            await using (var command = admin.CreateCommand($"CREATE SCHEMA {name}"))
            {
                await command.ExecuteNonQueryAsync();
            }

            var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { SearchPath = name }.ConnectionString);
            var schema = new ThrowawaySchema(admin, name, source);
            await schema.ExecuteAsync(tables);
            return schema;
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var command = Source.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }

        public async Task<int> IntAsync(string sql)
        {
            await using var command = Source.CreateCommand(sql);
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await Source.DisposeAsync();
            await using (var command = _admin.CreateCommand($"DROP SCHEMA IF EXISTS {_name} CASCADE"))
            {
                await command.ExecuteNonQueryAsync();
            }

            await _admin.DisposeAsync();
        }
    }
}

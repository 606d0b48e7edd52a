namespace RaceAnalyzers.Tests.TestCode
{
    /// <summary>The inventory handler of the case study, on Dapper and Npgsql's real APIs.</summary>
    internal static class SqlCode
    {
        public static string Handler(string body, string parameters = "NpgsqlConnection db, string sku, int delta, string eventId") => """
using System;
using System.Data;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed record Product(string Sku, int CurrentStock);

public sealed class InventoryHandler
{
    public async Task HandleAsync(
""" + parameters + """
)
    {

""" + body + """

    }
}

""";
    }
}

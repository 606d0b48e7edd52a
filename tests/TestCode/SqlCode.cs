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

        /// <summary>The guarded reservation: a <c>Task&lt;bool&gt;</c> method with the stock checked before it is written.</summary>
        public static string Reservation(string body) => """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed record Product(string Sku, int QuantityOnHand, int Reserved);

public sealed class OutOfStockException : Exception
{
}

public sealed class Reservations
{
    public async Task<bool> ReserveAsync(NpgsqlConnection conn, string sku, int qty)
    {

""" + body + """

    }
}

""";
    }
}

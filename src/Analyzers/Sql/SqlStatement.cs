using System;
using System.Collections.Generic;

namespace RaceAnalyzers.Sql
{
    internal enum SqlStatementKind
    {
        Other,
        Select,
        Insert,
        Update,
        Delete,
        Merge,
    }

    /// <summary>
    /// What RACE004/RACE005 need to know about one SQL statement: its verb and table, the columns it reads or sets
    /// and how, the columns its WHERE compares, whether it locks rows, and whether an INSERT claims atomically.
    /// Built by <see cref="SqlClassifier"/>; never null for any input, <see cref="SqlStatementKind.Other"/> when unsure.
    /// </summary>
    internal sealed class SqlStatement
    {
        public static readonly SqlStatement Unknown = new SqlStatement(SqlStatementKind.Other, string.Empty);

        public SqlStatement(SqlStatementKind kind, string table)
        {
            Kind = kind;
            Table = table;
        }

        public SqlStatementKind Kind { get; }

        /// <summary>The table, unquoted, without schema, lower-cased; empty when unknown.</summary>
        public string Table { get; }

        /// <summary>SELECT: the plain columns selected (lower-cased); contains "*" for <c>SELECT *</c>.</summary>
        public HashSet<string> SelectedColumns { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>SELECT: <c>COUNT(*)</c>, <c>EXISTS (…)</c> or <c>SELECT 1</c> — a check whether a row exists.</summary>
        public bool IsExistenceCheck { get; set; }

        /// <summary>SELECT: <c>FOR UPDATE</c>, <c>FOR NO KEY UPDATE</c>, <c>WITH (UPDLOCK|XLOCK|HOLDLOCK)</c>.</summary>
        public bool LocksRows { get; set; }

        /// <summary>UPDATE: each SET column with the parameter it is set to, when the value is exactly one parameter.</summary>
        public Dictionary<string, string> SetToParameter { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>UPDATE: SET columns computed from their own value in SQL (<c>stock = stock + @delta</c>).</summary>
        public HashSet<string> SetRelative { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>WHERE: column compared with <c>=</c> to the parameter named (lower-cased, without the marker).</summary>
        public Dictionary<string, string> WhereEqualsParameter { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>WHERE: every column the clause mentions.</summary>
        public HashSet<string> WhereColumns { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>INSERT: the column list, when written.</summary>
        public List<string> InsertColumns { get; } = new List<string>();

        /// <summary>INSERT: claims atomically (<c>ON CONFLICT … DO NOTHING</c>, <c>INSERT … SELECT … WHERE NOT EXISTS</c>, <c>INSERT IGNORE</c>).</summary>
        public bool ClaimsAtomically { get; set; }
    }
}

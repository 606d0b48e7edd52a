using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>Calls that run SQL text (RACE004/RACE005): ADO.NET command executions, Dapper's extension methods, EF Core raw SQL.</summary>
    internal sealed partial class ApiCatalog
    {
        private readonly ConcurrentDictionary<IMethodSymbol, SqlApiKind> _sqlKindCache = new ConcurrentDictionary<IMethodSymbol, SqlApiKind>(SymbolEqualityComparer.Default);

        private static readonly string[] SqlRunPrefixes = { "Query", "Execute", "SqlQuery", "FromSql" };

        /// <summary>False when no call of this simple name can run SQL text SqlExecutionOf reads; checked on syntax before binding.</summary>
        public static bool MayRunSql(string name) => StartsWithAny(name, SqlRunPrefixes);

        /// <summary>True when the compilation can run SQL through ADO.NET, Dapper or EF Core.</summary>
        public bool HasSqlApis => Type("System.Data.Common.DbCommand") != null || Type("Dapper.SqlMapper") != null
                                  || Type("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions") != null;

        /// <summary>The SQL a call runs, classified, or null when it runs none the rules can read.</summary>
        public SqlExecution? SqlExecutionOf(IInvocationOperation call)
        {
            switch (_sqlKindCache.GetOrAdd(call.TargetMethod, ClassifySqlMethod))
            {
                case SqlApiKind.Dapper:
                    var sql = NamedArgument(call, "sql");
                    return sql == null ? null : new SqlExecution(call, SqlClassifier.Classify(ConstantText.Render(sql)), NamedArgument(call, "param"), sql);
                case SqlApiKind.AdoCommand:
                    return new SqlExecution(call, SqlClassifier.Classify(SqlCommandText.OfCommandExecution(call)), null, SqlCommandText.TextOperandOf(call));
                case SqlApiKind.EfRawSql:
                    var text = NamedArgument(call, "sql");
                    if (text == null)
                    {
                        return null;
                    }

                    var (rendered, parameters) = EfRawSql.Render(call, text);
                    return new SqlExecution(call, SqlClassifier.Classify(rendered), text, parameters);
                default:
                    return null;
            }
        }

        /// <summary>True when SqlExecutionOf reads the SQL calls of this method run (the name gate's test).</summary>
        internal bool RunsSql(IMethodSymbol method) => _sqlKindCache.GetOrAdd(method, ClassifySqlMethod) != SqlApiKind.None;

        /// <summary>
        /// The isolation level a <c>BeginTransaction</c> call asks for (its <see cref="System.Data.IsolationLevel"/>
        /// argument), null when the call begins no transaction, "" when it begins one at the default level.
        /// </summary>
        /// <summary>
        /// The transaction <paramref name="opening"/> begins at <paramref name="isolation"/> makes the database refuse
        /// lost updates: SERIALIZABLE, or REPEATABLE READ outside MySQL (whose repeatable read lets them through).
        /// </summary>
        public static bool RefusesLostUpdates(IInvocationOperation opening, string isolation)
            => isolation == "Serializable" || (isolation == "RepeatableRead" && !IsMySql(opening.Instance?.Type));

        public string? TransactionIsolationOf(IInvocationOperation call)
        {
            if (!call.TargetMethod.Name.StartsWith("BeginTransaction", StringComparison.Ordinal)
                || !(call.TargetMethod.ContainingType is { } type) || !(DerivesFrom(type, Type("System.Data.Common.DbConnection")) || Implements(type, Type("System.Data.IDbConnection")) || type.Name == "IDbConnection"))
            {
                return null;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Value.Type?.Name == "IsolationLevel" && argument.Value is IFieldReferenceOperation level)
                {
                    return level.Field.Name;
                }
            }

            return string.Empty;
        }

        /// <summary>MySQL's REPEATABLE READ does not stop lost updates; PostgreSQL's and SQL Server's do.</summary>
        public static bool IsMySql(ITypeSymbol? connection)
            => connection?.ContainingNamespace?.ToDisplayString().StartsWith("MySql", StringComparison.Ordinal) == true;

        private SqlApiKind ClassifySqlMethod(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return SqlApiKind.None;
            }

            if (type.Name == "SqlMapper" && type.ContainingNamespace?.ToDisplayString() == "Dapper" && MayRunSql(method.Name))
            {
                return SqlApiKind.Dapper;
            }

            var name = MethodNames.WithoutAsyncSuffix(method.Name);
            if (type.ContainingNamespace?.ToDisplayString() == "Microsoft.EntityFrameworkCore"
                && ((type.Name == "RelationalDatabaseFacadeExtensions" && (name.StartsWith("ExecuteSql", StringComparison.Ordinal) || name.StartsWith("SqlQuery", StringComparison.Ordinal)))
                    || (type.Name == "RelationalQueryableExtensions" && name.StartsWith("FromSql", StringComparison.Ordinal))))
            {
                return SqlApiKind.EfRawSql;
            }

            return IsDbCommand(type) && (name == "ExecuteNonQuery" || name == "ExecuteScalar" || name == "ExecuteReader") ? SqlApiKind.AdoCommand : SqlApiKind.None;
        }

        /// <summary>A value that makes a new ADO.NET command: <c>new NpgsqlCommand(…)</c>, <c>connection.CreateCommand()</c>.</summary>
        public bool CreatesCommand(IOperation? value) => value switch
        {
            IObjectCreationOperation { Type: INamedTypeSymbol type } => IsDbCommand(type),
            IInvocationOperation { Type: INamedTypeSymbol type } call => call.TargetMethod.Name == "CreateCommand" && IsDbCommand(type),
            _ => false,
        };

        private enum SqlApiKind
        {
            None,
            Dapper,
            AdoCommand,
            EfRawSql,
        }
    }
}

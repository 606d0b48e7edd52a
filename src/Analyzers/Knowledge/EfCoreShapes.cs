using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>What a fluent configuration call makes EF Core check (<see cref="EfCoreShapes.TokenConfigurationOf"/>).</summary>
    internal enum TokenConfiguration
    {
        None,

        /// <summary><c>IsConcurrencyToken()</c>: the property selected before it.</summary>
        PropertyToken,

        /// <summary><c>IsRowVersion()</c>: every property of the entity.</summary>
        RowVersion,

        /// <summary><c>UseXminAsConcurrencyToken()</c> on the entity builder: every property of the entity.</summary>
        WholeEntity,
    }

    /// <summary>How many rows a query operator that ends with one entity reads (<see cref="EfCoreShapes.RowsLoadedBy"/>).</summary>
    internal enum RowsLoaded
    {
        /// <summary>Not a LINQ operator that loads one entity.</summary>
        Unknown,

        /// <summary><c>Single(…)</c>, <c>SingleOrDefault(…)</c> (and their Async forms): at most one row matches, or the call throws.</summary>
        AtMostOne,

        /// <summary><c>First(…)</c>, <c>FirstOrDefault(…)</c> (and their Async forms): the first of possibly many matching rows.</summary>
        FirstOfMany,
    }

    /// <summary>
    /// What RACE008 knows of EF Core: the context and set types (resolved once per compilation), the calls that
    /// load one entity, save, open an isolating transaction, and the names that make a property a concurrency token.
    /// </summary>
    internal sealed class EfCoreShapes
    {
        private readonly INamedTypeSymbol _dbContext;
        private readonly INamedTypeSymbol _dbSet;

        private EfCoreShapes(INamedTypeSymbol dbContext, INamedTypeSymbol dbSet)
        {
            _dbContext = dbContext;
            _dbSet = dbSet;
        }

        /// <summary>Null when the compilation does not reference EF Core.</summary>
        public static EfCoreShapes? For(Compilation compilation)
        {
            var dbContext = MetadataTypes.Find(compilation, "Microsoft.EntityFrameworkCore.DbContext");
            var dbSet = MetadataTypes.Find(compilation, "Microsoft.EntityFrameworkCore.DbSet`1");
            return dbContext == null || dbSet == null ? null : new EfCoreShapes(dbContext, dbSet);
        }

        public bool IsDbContext(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _dbContext))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsDbSet(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _dbSet))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] SingleResultNames =
        {
            "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault",
            "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync",
        };

        /// <summary>Data annotations that make EF Core check a property (token) or every property (row version) when it saves.</summary>
        public static bool IsConcurrencyAttribute(AttributeData attribute, bool rowVersion)
            => attribute.AttributeClass?.Name == (rowVersion ? "TimestampAttribute" : "ConcurrencyCheckAttribute")
               && attribute.AttributeClass.ContainingNamespace?.ToDisplayString() == "System.ComponentModel.DataAnnotations";

        /// <summary><c>EntityTypeBuilder&lt;T&gt;</c>: the fluent configuration of entity T.</summary>
        public static ITypeSymbol? EntityConfiguredBy(ITypeSymbol? builder)
            => builder is INamedTypeSymbol { Name: "EntityTypeBuilder", TypeArguments.Length: 1 } named ? named.TypeArguments[0] : null;

        /// <summary>Fluent calls that make a property a concurrency token or give the entity a row version (a gate on syntax, before binding).</summary>
        public static readonly string[] TokenConfigurationNames = { "IsConcurrencyToken", "IsRowVersion", "UseXminAsConcurrencyToken" };

        /// <summary>What a fluent configuration call makes EF Core check when it saves.</summary>
        public static TokenConfiguration TokenConfigurationOf(IMethodSymbol? method) => method?.Name switch
        {
            "IsConcurrencyToken" => TokenConfiguration.PropertyToken,
            "IsRowVersion" => TokenConfiguration.RowVersion,
            "UseXminAsConcurrencyToken" => TokenConfiguration.WholeEntity,
            _ => TokenConfiguration.None,
        };

        /// <summary><c>builder.Property(p =&gt; p.Stock)</c>, <c>builder.Property("Stock")</c>: an entity builder selecting the property it configures next.</summary>
        public static bool SelectsProperty(IMethodSymbol? method)
            => method?.Name == "Property" && method.ContainingType?.Name == "EntityTypeBuilder"
               && method.ContainingNamespace?.ToDisplayString() == "Microsoft.EntityFrameworkCore.Metadata.Builders";

        /// <summary>PostgreSQL's system column <c>xmin</c>, which changes on every update: a token on it versions the whole row.</summary>
        public static bool IsRowVersionColumn(string property) => property == "xmin";

        /// <summary>The compilation's EF Core has <c>ExecuteUpdateAsync</c> (7.0 on; relational, or in the core package from 9.0).</summary>
        public static bool HasExecuteUpdate(Compilation compilation)
        {
            foreach (var name in new[] { "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions" })
            {
                if (MetadataTypes.Find(compilation, name) is { } type && !type.GetMembers(ExecuteUpdateName(async: true)).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The name of EF Core's set-based update, <c>ExecuteUpdate</c> or <c>ExecuteUpdateAsync</c>.</summary>
        public static string ExecuteUpdateName(bool async) => async ? "ExecuteUpdate" + MethodNames.AsyncSuffix : "ExecuteUpdate";

        /// <summary>
        /// How many rows a LINQ operator (<c>Queryable</c>, <c>Enumerable</c> or EF Core's async forms) that ends a
        /// query with one entity reads: <c>Single…</c> at most one, <c>First…</c> the first of many.
        /// </summary>
        public static RowsLoaded RowsLoadedBy(IMethodSymbol method)
        {
            var @namespace = method.ContainingType?.ContainingNamespace?.ToDisplayString();
            if (@namespace != "System.Linq" && @namespace != "Microsoft.EntityFrameworkCore")
            {
                return RowsLoaded.Unknown;
            }

            return MethodNames.WithoutAsyncSuffix(method.Name) switch
            {
                "Single" or "SingleOrDefault" => RowsLoaded.AtMostOne,
                "First" or "FirstOrDefault" => RowsLoaded.FirstOfMany,
                _ => RowsLoaded.Unknown,
            };
        }

        /// <summary>
        /// The entity's one-column key by EF Core's rules, read from attributes: the <c>[Key]</c> property when one
        /// has it, else <c>Id</c> or <c>&lt;Entity&gt;Id</c> (base types included). Null for a composite key (two
        /// <c>[Key]</c>s, <c>[PrimaryKey]</c>) or none; fluent <c>HasKey</c> is the caller's to rule out (<see cref="ConfiguresKey"/>).
        /// </summary>
        public static IPropertySymbol? SingleKeyOf(ITypeSymbol entity)
        {
            IPropertySymbol? keyed = null, byName = null;
            var keys = 0;
            for (var type = entity; type != null; type = type.BaseType)
            {
                if (HasAttribute(type, "PrimaryKeyAttribute"))
                {
                    return null;
                }

                foreach (var member in type.GetMembers())
                {
                    if (!(member is IPropertySymbol property) || property.IsStatic)
                    {
                        continue;
                    }

                    if (HasAttribute(property, "KeyAttribute"))
                    {
                        keyed = property;
                        keys++;
                    }
                    else if (byName == null && (property.Name == "Id" || property.Name == entity.Name + "Id"))
                    {
                        byName = property;
                    }
                }
            }

            return keys > 1 ? null : keyed ?? byName;
        }

        /// <summary><c>builder.HasKey(…)</c> on an entity builder: a key that attributes and names do not show.</summary>
        public static bool ConfiguresKey(IMethodSymbol? method)
            => method?.Name == "HasKey" && method.ContainingType?.Name == "EntityTypeBuilder"
               && method.ContainingNamespace?.ToDisplayString() == "Microsoft.EntityFrameworkCore.Metadata.Builders";

        /// <summary>The entity type of a <c>DbSet&lt;T&gt;</c> (or a type deriving from it).</summary>
        public ITypeSymbol? EntityOfSet(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _dbSet))
                {
                    return current.TypeArguments[0];
                }
            }

            return null;
        }

        /// <summary><c>First…</c> and <c>Single…</c> without <c>OrDefault</c>: no matching row makes them throw.</summary>
        public static bool ThrowsWhenNoRow(IMethodSymbol method)
            => RowsLoadedBy(method) != RowsLoaded.Unknown && !MethodNames.WithoutAsyncSuffix(method.Name).EndsWith("OrDefault", StringComparison.Ordinal);

        /// <summary>
        /// <c>IDbContextFactory&lt;T&gt;.CreateDbContext(Async)</c>: a context of its own for the caller, tracking
        /// nothing yet.
        /// </summary>
        public static bool CreatesContext(IMethodSymbol method)
        {
            if (MethodNames.WithoutAsyncSuffix(method.Name) != "CreateDbContext")
            {
                return false;
            }

            var owner = method.ContainingType;
            if (owner == null || IsContextFactory(owner))
            {
                return owner != null;
            }

            foreach (var implemented in owner.AllInterfaces)
            {
                if (IsContextFactory(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsContextFactory(INamedTypeSymbol? type)
            => type is { Name: "IDbContextFactory", TypeArguments.Length: 1 } && type.ContainingNamespace?.ToDisplayString() == "Microsoft.EntityFrameworkCore";

        private static bool HasAttribute(ISymbol symbol, string attributeName)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == attributeName)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>Find(Async)</c> on a set: loads by key, tracking.</summary>
        public static bool IsFind(string name) => name == "Find" || name == "FindAsync";

        /// <summary><c>context.Set&lt;T&gt;()</c>: the context's set of an entity type.</summary>
        public static bool IsSetOfContext(IMethodSymbol method) => method.Name == "Set";

        /// <summary>A query operator that ends a query with one entity.</summary>
        public static bool EndsWithOneEntity(string name) => Array.IndexOf(SingleResultNames, name) >= 0;

        /// <summary><c>AsNoTracking()</c>, <c>AsNoTrackingWithIdentityResolution()</c>.</summary>
        public static bool StopsTracking(string name) => name.StartsWith("AsNoTracking", StringComparison.Ordinal);

        /// <summary><c>FromSql</c>, <c>FromSqlRaw</c>, <c>FromSqlInterpolated</c>.</summary>
        public static bool IsRawSql(string name) => name.StartsWith("FromSql", StringComparison.Ordinal);

        /// <summary>SQL that locks the rows it reads until the transaction ends.</summary>
        public static bool LocksRows(string sql)
        {
            var text = sql.ToUpperInvariant();
            return text.Contains("FOR UPDATE") || text.Contains("FOR NO KEY UPDATE") || text.Contains("UPDLOCK");
        }

        public bool IsSave(IInvocationOperation call)
            => call.TargetMethod.Name is "SaveChanges" or "SaveChangesAsync" && IsDbContext(call.Instance?.Type);

        /// <summary>True when a body's syntax may save (checked before binding).</summary>
        public static bool MaySave(string invokedName) => invokedName == "SaveChanges" || invokedName == "SaveChangesAsync";

        /// <summary>
        /// <c>Database.BeginTransaction(Async)(IsolationLevel.Serializable)</c>; RepeatableRead and Snapshot also
        /// stop a second writer of a row read in the transaction.
        /// </summary>
        public static bool OpensIsolatingTransaction(IInvocationOperation call)
        {
            if (!call.TargetMethod.Name.StartsWith("BeginTransaction", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Value is IFieldReferenceOperation { Field.ContainingType.Name: "IsolationLevel" } level)
                {
                    return level.Field.Name is "Serializable" or "RepeatableRead" or "Snapshot";
                }
            }

            return false;
        }

        /// <summary>Calls that hand an untracked entity back to a context: <c>Update(e)</c>, <c>Attach(e)</c>, <c>Entry(e)</c>.</summary>
        public static bool Reattaches(string name) => name is "Update" or "Attach" or "Entry";

        /// <summary>A property EF Core maps to a column by convention: read-write, instance, of a scalar type.</summary>
        public static bool IsMappedScalar(IPropertySymbol property)
        {
            if (property.IsStatic || property.IsIndexer || property.GetMethod == null || property.SetMethod == null)
            {
                return false;
            }

            var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : property.Type;
            return (type.SpecialType != SpecialType.None && type.SpecialType != SpecialType.System_Object) || type.TypeKind == TypeKind.Enum
                   || type.ToDisplayString() is "System.Guid" or "System.DateTimeOffset" or "System.TimeSpan" or "System.DateOnly" or "System.TimeOnly";
        }
    }
}

using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Sql
{
    /// <summary>
    /// EF Core raw SQL: <c>ExecuteSql($"… {value} …")</c> and <c>ExecuteSqlRaw("… {0} …", value)</c>. Each hole or
    /// placeholder is a parameter; the text gets <c>@p0</c>, <c>@p1</c>, … in their places, and the values are kept.
    /// </summary>
    internal static class EfRawSql
    {
        public static (string Text, Dictionary<string, IOperation> Parameters) Render(IInvocationOperation call, IOperation sql)
        {
            var parameters = new Dictionary<string, IOperation>();
            var value = sql;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value is IInterpolatedStringOperation interpolated)
            {
                var text = new StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation literal)
                    {
                        text.Append(ConstantText.Render(literal.Text));
                    }
                    else if (part is IInterpolationOperation hole)
                    {
                        var name = "p" + parameters.Count;
                        parameters[name] = hole.Expression;
                        text.Append('@').Append(name);
                    }
                }

                return (text.ToString(), parameters);
            }

            // Raw: "{0}" placeholders, values in the params array.
            var raw = ConstantText.Render(sql);
            var values = ParamsValues(call);
            for (var i = 0; i < values.Count; i++)
            {
                parameters["p" + i] = values[i];
                raw = raw.Replace("{" + i + "}", "@p" + i);
            }

            return (raw, parameters);
        }

        private static List<IOperation> ParamsValues(IInvocationOperation call)
        {
            var values = new List<IOperation>();
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        values.Add(element is IConversionOperation conversion ? conversion.Operand : element);
                    }
                }
            }

            return values;
        }
    }
}

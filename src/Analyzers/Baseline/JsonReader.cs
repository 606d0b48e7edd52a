using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RaceAnalyzers.Baseline
{
    /// <summary>A JSON value with the position it starts at (0-based), so a problem in an entry can be pointed at.</summary>
    internal sealed class JsonValue
    {
        public JsonValue(object? value, int position)
        {
            Value = value;
            Position = position;
        }

        /// <summary>A string, a double, a bool, null, a <c>List&lt;JsonValue&gt;</c> or a <c>Dictionary&lt;string, JsonValue&gt;</c>.</summary>
        public object? Value { get; }

        public int Position { get; }
    }

    /// <summary>The error of a file that is not JSON, at a 0-based position.</summary>
    internal sealed class JsonProblem : System.Exception
    {
        public JsonProblem(string message, int position)
            : base(message)
        {
            Position = position;
        }

        public int Position { get; }
    }

    /// <summary>
    /// Reads JSON (RFC 8259) into <see cref="JsonValue"/>s. The analyzer assembly targets netstandard2.0 and loads into
    /// any compiler, so it cannot bring System.Text.Json along; the baseline is the only JSON it reads.
    /// </summary>
    internal sealed class JsonReader
    {
        private readonly string _text;
        private int _position;

        private JsonReader(string text) => _text = text;

        public static JsonValue Read(string text)
        {
            var reader = new JsonReader(text);
            var value = reader.Value();
            reader.SkipWhitespace();
            if (reader._position < text.Length)
            {
                throw new JsonProblem("unexpected text after the JSON value", reader._position);
            }

            return value;
        }

        private JsonValue Value()
        {
            SkipWhitespace();
            var start = _position;
            if (_position >= _text.Length)
            {
                throw new JsonProblem("the file ends where a value was expected", _position);
            }

            switch (_text[_position])
            {
                case '{':
                    return new JsonValue(Object(), start);
                case '[':
                    return new JsonValue(Array(), start);
                case '"':
                    return new JsonValue(String(), start);
                case 't':
                    Word("true");
                    return new JsonValue(true, start);
                case 'f':
                    Word("false");
                    return new JsonValue(false, start);
                case 'n':
                    Word("null");
                    return new JsonValue(null, start);
                default:
                    return new JsonValue(Number(), start);
            }
        }

        private Dictionary<string, JsonValue> Object()
        {
            var members = new Dictionary<string, JsonValue>(System.StringComparer.Ordinal);
            _position++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                return members;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw new JsonProblem("a property name in double quotes was expected", _position);
                }

                var name = String();
                SkipWhitespace();
                Expect(':');
                members[name] = Value();
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                    continue;
                }

                Expect('}');
                return members;
            }
        }

        private List<JsonValue> Array()
        {
            var items = new List<JsonValue>();
            _position++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                return items;
            }

            while (true)
            {
                items.Add(Value());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                    continue;
                }

                Expect(']');
                return items;
            }
        }

        private string String()
        {
            var text = new StringBuilder();
            _position++;
            while (true)
            {
                if (_position >= _text.Length)
                {
                    throw new JsonProblem("a string is not closed", _position);
                }

                var c = _text[_position++];
                if (c == '"')
                {
                    return text.ToString();
                }

                if (c < ' ')
                {
                    throw new JsonProblem("a control character inside a string", _position - 1);
                }

                if (c != '\\')
                {
                    text.Append(c);
                    continue;
                }

                var escape = _position < _text.Length ? _text[_position++] : '\0';
                switch (escape)
                {
                    case '"': text.Append('"'); break;
                    case '\\': text.Append('\\'); break;
                    case '/': text.Append('/'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'u' when _position + 4 <= _text.Length
                        && int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                        text.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw new JsonProblem("an invalid escape in a string", _position - 1);
                }
            }
        }

        private double Number()
        {
            var start = _position;
            while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
            {
                _position++;
            }

            if (_position == start || !double.TryParse(_text.Substring(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                throw new JsonProblem("a value was expected (an object, array, string, number, true, false or null)", start);
            }

            return number;
        }

        private void Word(string word)
        {
            if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
            {
                throw new JsonProblem("'" + word + "' was expected", _position);
            }

            _position += word.Length;
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new JsonProblem("'" + c + "' was expected", _position);
            }

            _position++;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private void SkipWhitespace()
        {
            while (_position < _text.Length && (_text[_position] == ' ' || _text[_position] == '\t' || _text[_position] == '\n' || _text[_position] == '\r'))
            {
                _position++;
            }
        }
    }
}

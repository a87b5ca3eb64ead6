using System.Globalization;
using System.Text;

namespace Reporting.Deploy.Tests.Arm;

/// <summary>A parsed ARM template language expression (the text between the outer brackets of "[...]").</summary>
internal abstract record ArmExpression
{
    /// <summary>True when a template string is an expression: "[...]", but not "[[...", ARM's escape for a literal.</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && value[1] != '[';

    /// <summary>A template string as ARM reads it: "[[x]" is the literal "[x]".</summary>
    public static string Unescape(string value) => value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value;

    public static ArmExpression Parse(string expressionString)
    {
        ArgumentNullException.ThrowIfNull(expressionString);
        if (!IsExpression(expressionString))
        {
            throw new ArgumentException($"Not an ARM expression: {expressionString}", nameof(expressionString));
        }

        var parser = new Parser(expressionString[1..^1]);
        return parser.ParseAll();
    }

    private sealed class Parser(string text)
    {
        private int _position;

        public ArmExpression ParseAll()
        {
            var expression = ParseExpression();
            SkipWhitespace();
            return _position == text.Length ? expression : throw Error("unexpected text after the expression");
        }

        private ArmExpression ParseExpression()
        {
            SkipWhitespace();
            var expression = ParsePrimary();
            while (true)
            {
                SkipWhitespace();
                if (TryTake('.'))
                {
                    expression = new ArmMember(expression, ParseIdentifier());
                }
                else if (TryTake('['))
                {
                    var index = ParseExpression();
                    SkipWhitespace();
                    Expect(']');
                    expression = new ArmIndex(expression, index);
                }
                else
                {
                    return expression;
                }
            }
        }

        private ArmExpression ParsePrimary()
        {
            if (_position >= text.Length)
            {
                throw Error("expression ends early");
            }

            var c = text[_position];
            if (c == '\'')
            {
                return new ArmLiteral(ParseString());
            }

            if (char.IsAsciiDigit(c) || c == '-')
            {
                var start = _position++;
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }

                return new ArmLiteral(long.Parse(text.AsSpan(start, _position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }

            var name = ParseIdentifier();
            SkipWhitespace();
            Expect('(');
            var arguments = new List<ArmExpression>();
            SkipWhitespace();
            if (!TryTake(')'))
            {
                do
                {
                    arguments.Add(ParseExpression());
                    SkipWhitespace();
                }
                while (TryTake(','));

                Expect(')');
            }

            return new ArmCall(name, arguments);
        }

        private string ParseString()
        {
            Expect('\'');
            var value = new StringBuilder();
            while (true)
            {
                if (_position >= text.Length)
                {
                    throw Error("unterminated string");
                }

                var c = text[_position++];
                if (c != '\'')
                {
                    value.Append(c);
                }
                else if (_position < text.Length && text[_position] == '\'')
                {
                    value.Append('\'');
                    _position++;
                }
                else
                {
                    return value.ToString();
                }
            }
        }

        private string ParseIdentifier()
        {
            SkipWhitespace();
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
            {
                _position++;
            }

            return _position > start ? text[start.._position] : throw Error("identifier expected");
        }

        private void SkipWhitespace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private bool TryTake(char c)
        {
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw Error($"'{c}' expected");
            }
        }

        private FormatException Error(string what) => new($"ARM expression [{text}]: {what} at offset {_position}.");
    }
}

internal sealed record ArmLiteral(object Value) : ArmExpression;

internal sealed record ArmCall(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

internal sealed record ArmMember(ArmExpression Target, string Name) : ArmExpression;

internal sealed record ArmIndex(ArmExpression Target, ArmExpression Index) : ArmExpression;

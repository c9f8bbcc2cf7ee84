using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// Recursive-descent parser for FEEL expressions and unary tests (DMN 1.5 chapter 10, with
/// feel-scala's precedence: <c>if/for/some/every</c> &lt; <c>or</c> &lt; <c>and</c> &lt;
/// comparison, <c>between</c>, <c>in</c>, <c>instance of</c> (one per level, not chained) &lt;
/// <c>+ -</c> &lt; <c>* /</c> &lt; <c>**</c> (left-associative) &lt; unary <c>-</c> &lt; path,
/// filter, invocation &lt; literals and names).
/// <para>
/// Names with spaces: the lexer yields single words; the parser joins them. At a name it first
/// takes the longest known name there (a registered function such as <c>date and time</c>, or a
/// name with spaces defined earlier in the expression as a context key, parameter or iterator);
/// words of a known name may be keywords. Otherwise it joins the word with the directly following
/// words (separated by whitespace only) that are not keywords (<c>and or in between instance-of
/// then else return satisfies if for some every function true false null</c>): two names in a row
/// are never valid FEEL otherwise, so <c>order amount &gt; 10</c> reads the variable
/// <c>order amount</c>. A backtick-quoted name (<c>`a-b.c`</c>) is taken as is.
/// </para>
/// </summary>
internal sealed class Parser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "in", "between", "then", "else", "return", "satisfies", "if", "for", "some", "every", "function", "true", "false", "null",
    };

    private static readonly string[][] TypeNames = CreateTypeNames();

    private static readonly SearchValues<char> NameSymbols = SearchValues.Create("./-+*");

    private readonly string _source;
    private readonly List<Token> _tokens;
    private readonly NameIndex _names;
    private readonly int _maxDepth;
    private Dictionary<string, List<string[]>>? _declared;
    private Dictionary<string, List<string>>? _symbolNames;
    private int _pos;
    private int _depth;
    private int _inputUses;
    private int _partialUses;

    private Parser(string source, NameIndex names, int maxDepth, IEnumerable<string>? known)
    {
        _source = source;
        _names = names;
        _maxDepth = maxDepth;
        _tokens = Lexer.Tokenize(source);
        foreach (var name in known ?? [])
        {
            Declare(name);
        }
    }

    private Token Current => _tokens[_pos];

    /// <summary>Parses a whole expression; throws <see cref="FeelParseException"/> on a syntax error.</summary>
    /// <param name="source">The text.</param>
    /// <param name="names">The registered functions' names with spaces.</param>
    /// <param name="maxDepth">The deepest nesting allowed.</param>
    /// <param name="known">Variables the host declares (a DMN model's input and decision names): names with spaces, keywords or the symbols <c>. / - + *</c> read as one name.</param>
    public static Node ParseExpression(string source, NameIndex names, int maxDepth, IEnumerable<string>? known = null)
    {
        var parser = new Parser(source, names, maxDepth, known);
        var node = parser.Expression();
        parser.ExpectEnd();
        return node;
    }

    /// <summary>Parses whole unary tests; throws <see cref="FeelParseException"/> on a syntax error.</summary>
    public static UnaryTestsNode ParseUnaryTests(string source, NameIndex names, int maxDepth, IEnumerable<string>? known = null) =>
        new Parser(source, names, maxDepth, known).UnaryTests();

    private Token Peek(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private Token Advance()
    {
        var token = _tokens[_pos];
        if (_pos < _tokens.Count - 1)
        {
            _pos++;
        }

        return token;
    }

    private bool TryConsume(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (!TryConsume(kind))
        {
            throw Expected(what);
        }
    }

    private void ExpectKeyword(string keyword)
    {
        if (!Current.Is(keyword))
        {
            throw Expected($"'{keyword}'");
        }

        Advance();
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End)
        {
            throw Expected("an operator or the end of the expression");
        }
    }

    private FeelParseException Expected(string what) => new($"expected {what} but found {Describe(Current)}", Current.Start);

    private string Describe(Token token) =>
        token.Kind == TokenKind.End ? "end of input" : "'" + Lexer.Shorten(_source[token.Start..token.End]) + "'";

    private void Enter()
    {
        if (++_depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new FeelParseException("expression nests too deeply", Current.Start);
        }
    }

    // ---------------------------------------------------------------- expressions

    private Node Expression()
    {
        Enter();
        var node = Current switch
        {
            var t when t.Is("if") => If(),
            var t when t.Is("for") && Peek(1).Kind == TokenKind.Name => For(),
            var t when (t.Is("some") || t.Is("every")) && Peek(1).Kind == TokenKind.Name => Quantified(),
            _ => Disjunction(),
        };
        _depth--;
        return node;
    }

    private IfNode If()
    {
        Advance();
        var condition = Expression();
        ExpectKeyword("then");
        var then = Expression();
        ExpectKeyword("else");
        var otherwise = Expression();
        return new IfNode(condition, then, otherwise);
    }

    private ForNode For()
    {
        Advance();
        var iterators = Iterators("return");
        var partialBefore = _partialUses;
        var start = _pos;
        var body = Expression();
        return new ForNode(iterators, body, Weight(start), _partialUses > partialBefore);
    }

    private QuantifiedNode Quantified()
    {
        var every = Advance().Is("every");
        var iterators = Iterators("satisfies");
        var start = _pos;
        var condition = Expression();
        return new QuantifiedNode(every, iterators, condition, Weight(start));
    }

    private Iterator[] Iterators(string terminator)
    {
        var iterators = new List<Iterator>();
        do
        {
            if (Current.Kind != TokenKind.Name || (!Current.Quoted && IsKeyword(_pos)))
            {
                throw Expected("an iterator name");
            }

            var name = ReadName();
            Declare(name);
            ExpectKeyword("in");
            var domain = Additive();
            Node? end = null;
            if (TryConsume(TokenKind.DotDot))
            {
                end = Additive();
            }

            iterators.Add(new Iterator(name, domain, end));
        }
        while (TryConsume(TokenKind.Comma));

        ExpectKeyword(terminator);
        return [.. iterators];
    }

    private Node Disjunction()
    {
        var first = Conjunction();
        if (!Current.Is("or"))
        {
            return first;
        }

        var operands = new List<Node> { first };
        while (Current.Is("or"))
        {
            Advance();
            operands.Add(Conjunction());
        }

        return new JunctionNode([.. operands], decisive: true, "or");
    }

    private Node Conjunction()
    {
        var first = Comparison();
        if (!Current.Is("and"))
        {
            return first;
        }

        var operands = new List<Node> { first };
        while (Current.Is("and"))
        {
            Advance();
            operands.Add(Comparison());
        }

        return new JunctionNode([.. operands], decisive: false, "and");
    }

    private Node Comparison()
    {
        if (Current.Kind is TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual)
        {
            // A unary comparison used as a value (DMN 1.5): '< 10' is the range up to 10.
            var kind = Advance().Kind;
            var endpoint = Additive();
            return kind switch
            {
                TokenKind.Less => new RangeNode(null, false, endpoint, false),
                TokenKind.LessEqual => new RangeNode(null, false, endpoint, true),
                TokenKind.Greater => new RangeNode(endpoint, false, null, false),
                _ => new RangeNode(endpoint, true, null, false),
            };
        }

        var left = Additive();
        var current = Current;
        if (TryComparisonOperator(current.Kind, out var op))
        {
            Advance();
            return new ComparisonNode(left, op, Additive());
        }

        if (current.Is("between"))
        {
            Advance();
            var low = Additive();
            ExpectKeyword("and");
            var high = Additive();
            return new BetweenNode(left, low, high);
        }

        if (current.Is("instance") && Peek(1).Is("of"))
        {
            Advance();
            Advance();
            return new InstanceOfNode(left, Type());
        }

        if (current.Is("in"))
        {
            Advance();
            return new InNode(left, InTests());
        }

        return left;
    }

    private static bool TryComparisonOperator(TokenKind kind, out ComparisonOperator op)
    {
        op = kind switch
        {
            TokenKind.Equal => ComparisonOperator.Equal,
            TokenKind.NotEqual => ComparisonOperator.NotEqual,
            TokenKind.Less => ComparisonOperator.Less,
            TokenKind.LessEqual => ComparisonOperator.LessOrEqual,
            TokenKind.Greater => ComparisonOperator.Greater,
            TokenKind.GreaterEqual => ComparisonOperator.GreaterOrEqual,
            _ => (ComparisonOperator)(-1),
        };
        return (int)op >= 0;
    }

    private Node Additive()
    {
        var first = Multiplicative();
        if (Current.Kind is not (TokenKind.Plus or TokenKind.Minus))
        {
            return first;
        }

        var operands = new List<Node> { first };
        var operators = new List<ArithmeticOperator>();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            operators.Add(Advance().Kind == TokenKind.Plus ? ArithmeticOperator.Add : ArithmeticOperator.Subtract);
            operands.Add(Multiplicative());
        }

        return new ArithmeticNode([.. operands], [.. operators]);
    }

    private Node Multiplicative()
    {
        var first = Power();
        if (Current.Kind is not (TokenKind.Star or TokenKind.Slash))
        {
            return first;
        }

        var operands = new List<Node> { first };
        var operators = new List<ArithmeticOperator>();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            operators.Add(Advance().Kind == TokenKind.Star ? ArithmeticOperator.Multiply : ArithmeticOperator.Divide);
            operands.Add(Power());
        }

        return new ArithmeticNode([.. operands], [.. operators]);
    }

    private Node Power()
    {
        var first = Unary();
        if (Current.Kind != TokenKind.StarStar)
        {
            return first;
        }

        var operands = new List<Node> { first };
        var operators = new List<ArithmeticOperator>();
        while (TryConsume(TokenKind.StarStar))
        {
            operators.Add(ArithmeticOperator.Power);
            operands.Add(Unary());
        }

        return new ArithmeticNode([.. operands], [.. operators]);
    }

    private Node Unary()
    {
        if (Current.Kind != TokenKind.Minus)
        {
            return Postfix();
        }

        Advance();
        Enter();
        var operand = Unary();
        _depth--;
        return operand is LiteralNode { Value: FeelNumber n } ? new LiteralNode(FeelNumber.Of(-n.Value)) : new NegateNode(operand);
    }

    private Node Postfix()
    {
        var node = Primary();
        var levels = 0;
        while (true)
        {
            switch (Current.Kind)
            {
                case TokenKind.Dot:
                    Advance();
                    if (Current.Kind != TokenKind.Name)
                    {
                        throw Expected("a name after '.'");
                    }

                    node = new PathNode(node, ReadName());
                    break;
                case TokenKind.LeftBracket when IsFilterStart():
                    Advance();
                    var filterStart = _pos;
                    var filter = Expression();
                    var weight = Weight(filterStart);
                    Expect(TokenKind.RightBracket, "']'");
                    node = new FilterNode(node, filter, weight);
                    break;
                case TokenKind.LeftParen:
                    Advance();
                    node = new InvokeNode(node, Arguments());
                    break;
                default:
                    _depth -= levels;
                    return node;
            }

            levels++;
            Enter();
        }
    }

    /// <summary>
    /// A '[' after a value starts a filter unless what follows cannot start an expression: then
    /// it closes a range with an excluded end (<c>[1..10[</c>).
    /// </summary>
    private bool IsFilterStart()
    {
        var next = Peek(1);
        return next.Kind switch
        {
            TokenKind.End or TokenKind.Comma or TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace or TokenKind.Colon => false,
            TokenKind.Name when !next.Quoted && next.Text is "then" or "else" or "return" or "satisfies" or "and" or "or" => false,
            _ => true,
        };
    }

    private Node Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(FeelNumber.Of(token.Number));
            case TokenKind.String:
                Advance();
                return new LiteralNode(token.Text!.Length == 0 ? FeelString.Empty : new FeelString(token.Text));
            case TokenKind.Temporal:
                Advance();
                return new LiteralNode(TemporalLiteral(token));
            case TokenKind.Question:
                Advance();
                _inputUses++;
                return InputNode.Instance;
            case TokenKind.LeftParen:
                Advance();
                var inner = Expression();
                if (TryConsume(TokenKind.DotDot))
                {
                    return RangeEnd(inner, false);
                }

                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.LeftBracket:
                return ListOrRange();
            case TokenKind.RightBracket:
                Advance();
                var start = Expression();
                Expect(TokenKind.DotDot, "'..'");
                return RangeEnd(start, false);
            case TokenKind.LeftBrace:
                return Context();
            case TokenKind.Name:
                return NamePrimary(token);
            default:
                throw Expected("an expression");
        }
    }

    private Node NamePrimary(Token token)
    {
        if (!token.Quoted)
        {
            switch (token.Text)
            {
                case "true":
                    Advance();
                    return new LiteralNode(FeelBoolean.True);
                case "false":
                    Advance();
                    return new LiteralNode(FeelBoolean.False);
                case "null":
                    Advance();
                    return new LiteralNode(FeelNull.Instance);
                case "function" when Peek(1).Kind == TokenKind.LeftParen:
                    return FunctionDefinition();
                case "if" or "for" or "some" or "every":
                    return Expression();
                case "not" when Peek(1).Kind == TokenKind.LeftParen:
                    Advance();
                    Advance();
                    var arguments = Arguments();
                    return arguments.Names is null && arguments.Values.Length == 1 ? new NotNode(arguments.Values[0]) : new CallNode("not", arguments);
            }

            if (IsKeyword(_pos))
            {
                throw Expected("an expression");
            }
        }

        var name = ReadName();
        if (TryConsume(TokenKind.LeftParen))
        {
            return new CallNode(name, Arguments());
        }

        if (name == "partial")
        {
            _partialUses++;
        }

        return new NameNode(name);
    }

    private static FeelValue TemporalLiteral(Token token)
    {
        FeelValue? value;
        try
        {
            value = TemporalParser.ParseLiteral(token.Text!);
        }
        catch (Exception ex) when (ex is not FeelParseException and not OutOfMemoryException)
        {
            value = null;
        }

        return value ?? throw new FeelParseException($"'@\"{Lexer.Shorten(token.Text!)}\"' is not a valid date, time, date and time or duration", token.Start);
    }

    private Node ListOrRange()
    {
        Advance();
        if (TryConsume(TokenKind.RightBracket))
        {
            return new ListNode([]);
        }

        var first = Expression();
        if (TryConsume(TokenKind.DotDot))
        {
            return RangeEnd(first, true);
        }

        var items = new List<Node> { first };
        while (TryConsume(TokenKind.Comma))
        {
            items.Add(Expression());
        }

        Expect(TokenKind.RightBracket, "',' or ']'");
        return new ListNode([.. items]);
    }

    private RangeNode RangeEnd(Node start, bool startIncluded)
    {
        var end = Expression();
        var closing = Current.Kind;
        if (closing is not (TokenKind.RightBracket or TokenKind.RightParen or TokenKind.LeftBracket))
        {
            throw Expected("']', ')' or '[' to close the range");
        }

        Advance();
        return new RangeNode(start, startIncluded, end, closing == TokenKind.RightBracket);
    }

    private ContextNode Context()
    {
        Advance();
        var keys = new List<string>();
        var values = new List<Node>();
        if (!TryConsume(TokenKind.RightBrace))
        {
            do
            {
                var key = ContextKey();
                Expect(TokenKind.Colon, "':'");
                Declare(key);
                keys.Add(key);
                values.Add(Expression());
            }
            while (TryConsume(TokenKind.Comma));

            Expect(TokenKind.RightBrace, "',' or '}'");
        }

        return new ContextNode([.. keys], [.. values]);
    }

    private string ContextKey()
    {
        var token = Current;
        if (token.Kind == TokenKind.String)
        {
            Advance();
            return token.Text!;
        }

        if (token.Kind != TokenKind.Name)
        {
            throw Expected("a context key");
        }

        return WordsUntilDelimiter();
    }

    /// <summary>
    /// A parameter name or context key: the text up to ':' ',' or ')'. Keywords are allowed
    /// (<c>{if: 1}</c>, <c>start position:</c>), and so are the additional name symbols
    /// (<c>{order-id: 1}</c>); runs of whitespace become one space.
    /// </summary>
    private string WordsUntilDelimiter()
    {
        var first = Advance();
        if (first.Quoted || !IsNameContinuation(Current.Kind))
        {
            return first.Text!;
        }

        var last = first;
        while (IsNameContinuation(Current.Kind) && !Current.Quoted && (Current.Kind != TokenKind.Number || Current.Start == last.End))
        {
            last = Advance();
        }

        var sb = new StringBuilder(last.End - first.Start);
        var space = false;
        foreach (var c in _source.AsSpan(first.Start, last.End - first.Start))
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        var name = sb.ToString();
        if (name.Contains("//", StringComparison.Ordinal) || name.Contains("/*", StringComparison.Ordinal))
        {
            throw new FeelParseException("a comment can't be part of a name", first.Start);
        }

        return name;
    }

    private static bool IsNameContinuation(TokenKind kind) =>
        kind is TokenKind.Name or TokenKind.Minus or TokenKind.Slash or TokenKind.Dot or TokenKind.Plus or TokenKind.Star or TokenKind.Number;

    private FunctionDefinitionNode FunctionDefinition()
    {
        Advance();
        Expect(TokenKind.LeftParen, "'('");
        var parameters = new List<string>();
        if (!TryConsume(TokenKind.RightParen))
        {
            do
            {
                if (Current.Kind != TokenKind.Name)
                {
                    throw Expected("a parameter name");
                }

                var position = Current.Start;
                var name = WordsUntilDelimiter();
                if (parameters.Contains(name))
                {
                    throw new FeelParseException($"parameter '{name}' is declared twice", position);
                }

                if (TryConsume(TokenKind.Colon))
                {
                    Type();
                }

                Declare(name);
                parameters.Add(name);
            }
            while (TryConsume(TokenKind.Comma));

            Expect(TokenKind.RightParen, "',' or ')'");
        }

        if (Current.Is("external"))
        {
            throw new FeelParseException("external functions are not supported", Current.Start);
        }

        var start = _pos;
        var body = Expression();
        return new FunctionDefinitionNode([.. parameters], body, Weight(start));
    }

    /// <summary>
    /// How many tokens were parsed since <paramref name="start"/>: what evaluating them once costs in steps, about. A loop
    /// or a function call counts its body's weight, so the step limit bounds the work however large the body is.
    /// </summary>
    private int Weight(int start) => Math.Max(1, _pos - start);

    /// <summary>The arguments after '(' up to and including ')': positional, or all named (<c>f(b: 2, a: 1)</c>).</summary>
    private Arguments Arguments()
    {
        if (TryConsume(TokenKind.RightParen))
        {
            return new Arguments([], null);
        }

        var values = new List<Node>();
        List<string>? names = null;
        if (IsNamedArgumentStart())
        {
            names = [];
            do
            {
                if (Current.Kind != TokenKind.Name)
                {
                    throw Expected("a parameter name");
                }

                names.Add(WordsUntilDelimiter());
                Expect(TokenKind.Colon, "':'");
                values.Add(Expression());
            }
            while (TryConsume(TokenKind.Comma));
        }
        else
        {
            do
            {
                values.Add(Expression());
            }
            while (TryConsume(TokenKind.Comma));
        }

        Expect(TokenKind.RightParen, "',' or ')'");
        return new Arguments([.. values], names is null ? null : [.. names]);
    }

    private bool IsNamedArgumentStart()
    {
        if (Current.Kind != TokenKind.Name)
        {
            return false;
        }

        var i = _pos + 1;
        while (IsNameContinuation(_tokens[i].Kind))
        {
            i++;
        }

        return _tokens[i].Kind == TokenKind.Colon;
    }

    // ---------------------------------------------------------------- names

    private string ReadName()
    {
        var first = Current;
        if (first.Quoted)
        {
            Advance();
            return first.Text!;
        }

        if (TryReadSymbolName(out var symbolName))
        {
            return symbolName;
        }

        var known = KnownNameLength();
        if (known > 1)
        {
            var sb = new StringBuilder(Advance().Text);
            for (var k = 1; k < known; k++)
            {
                var word = Advance();
                sb.Append(' ').Append(word.Kind == TokenKind.Number ? _source[word.Start..word.End] : word.Text);
            }

            return sb.ToString();
        }

        Advance();
        if (!ContinuesName())
        {
            return first.Text!;
        }

        var name = new StringBuilder(first.Text);
        while (ContinuesName())
        {
            name.Append(' ').Append(Advance().Text);
        }

        return name.ToString();
    }

    private bool ContinuesName()
    {
        var token = Current;
        return token.Kind == TokenKind.Name && !token.Quoted && !IsKeyword(_pos) && OnlySpaceBefore(_pos);
    }

    private bool OnlySpaceBefore(int index)
    {
        var previous = _tokens[index - 1];
        for (var i = previous.End; i < _tokens[index].Start; i++)
        {
            if (!char.IsWhiteSpace(_source[i]))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsKeyword(int index)
    {
        var token = _tokens[index];
        return token.Kind == TokenKind.Name && !token.Quoted &&
            (Keywords.Contains(token.Text!) || (token.Text == "instance" && _tokens[index + 1].Is("of")));
    }

    /// <summary>The number of words of the longest known name with spaces that starts here; 0 when none.</summary>
    private int KnownNameLength()
    {
        var best = 0;
        var first = Current.Text!;
        if (_names.TryGet(first, out var candidates))
        {
            foreach (var words in candidates)
            {
                if (words.Length > best && MatchesWords(words))
                {
                    best = words.Length;
                    break;
                }
            }
        }

        if (_declared is not null && _declared.TryGetValue(first, out var declared))
        {
            foreach (var words in declared)
            {
                if (words.Length > best && MatchesWords(words))
                {
                    best = words.Length;
                }
            }
        }

        return best;
    }

    private bool MatchesWords(string[] words)
    {
        for (var k = 0; k < words.Length; k++)
        {
            var index = _pos + k;
            if (index >= _tokens.Count)
            {
                return false;
            }

            var token = _tokens[index];
            // A later word may be a number ("decision A 1"): it is matched by its text.
            var spelled = token.Kind == TokenKind.Name
                ? !token.Quoted && string.Equals(token.Text, words[k], StringComparison.Ordinal)
                : k > 0 && token.Kind == TokenKind.Number && _source.AsSpan(token.Start, token.End - token.Start).SequenceEqual(words[k]);
            if (!spelled || (k > 0 && !OnlySpaceBefore(index)))
            {
                return false;
            }
        }

        return true;
    }

    private void Declare(string name)
    {
        if (name.Contains(' ', StringComparison.Ordinal))
        {
            var words = name.Split(' ');
            _declared ??= new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
            if (!_declared.TryGetValue(words[0], out var sameStart))
            {
                sameStart = [];
                _declared.Add(words[0], sameStart);
            }

            sameStart.Add(words);
        }

        var symbol = name.AsSpan().IndexOfAny(NameSymbols);
        if (symbol > 0)
        {
            // Indexed by the leading word, which is what the lexer yields as the first token of the name.
            var lead = LeadingWord(name);
            _symbolNames ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
            if (!_symbolNames.TryGetValue(lead, out var sameLead))
            {
                sameLead = [];
                _symbolNames.Add(lead, sameLead);
            }

            sameLead.Add(name);
        }
    }

    private static string LeadingWord(string name)
    {
        var end = 1;
        while (end < name.Length && Lexer.IsNamePart(name[end]))
        {
            end++;
        }

        return name[..end];
    }

    /// <summary>
    /// A name with the additional name symbols <c>. / - + *</c> (DMN 1.5 10.3.1.2), such as a context
    /// key <c>"order-id"</c> declared earlier in the expression: the longest such name that the text
    /// here spells exactly, ending on a token boundary. Variables with these symbols that come from
    /// outside the expression are only reachable in backticks, as the parser cannot know them.
    /// </summary>
    private bool TryReadSymbolName([NotNullWhen(true)] out string? name)
    {
        name = null;
        if (_symbolNames is null || !_symbolNames.TryGetValue(Current.Text!, out var candidates))
        {
            return false;
        }

        var start = Current.Start;
        foreach (var candidate in candidates)
        {
            var end = start + candidate.Length;
            if ((name is null || candidate.Length > name.Length) &&
                string.CompareOrdinal(_source, start, candidate, 0, candidate.Length) == 0 &&
                (end >= _source.Length || !Lexer.IsNamePart(_source[end])))
            {
                name = candidate;
            }
        }

        if (name is null)
        {
            return false;
        }

        var stop = start + name.Length;
        var index = _pos;
        while (_tokens[index].End < stop && _tokens[index].Kind != TokenKind.End)
        {
            index++;
        }

        if (_tokens[index].End != stop)
        {
            name = null;
            return false;
        }

        _pos = index;
        Advance();
        return true;
    }

    // ---------------------------------------------------------------- types

    private FeelType Type()
    {
        Enter();
        var token = Current;
        if (token.Kind != TokenKind.Name)
        {
            throw Expected("a type name");
        }

        FeelType type;
        if (!token.Quoted && Peek(1).Kind == TokenKind.Less && token.Text is "list" or "range" or "context" or "function")
        {
            Advance();
            Advance();
            type = token.Text switch
            {
                "list" => new ListType(TypeThenGreater()),
                "range" => new RangeType(TypeThenGreater()),
                "context" => ContextType(),
                _ => FunctionType(),
            };
        }
        else
        {
            type = NamedType();
        }

        _depth--;
        return type;
    }

    private FeelType TypeThenGreater()
    {
        var type = Type();
        Expect(TokenKind.Greater, "'>'");
        return type;
    }

    private ContextType ContextType()
    {
        var keys = new List<string>();
        var types = new List<FeelType>();
        do
        {
            if (Current.Kind is not (TokenKind.Name or TokenKind.String))
            {
                throw Expected("a context entry name");
            }

            keys.Add(ContextKey());
            Expect(TokenKind.Colon, "':'");
            types.Add(Type());
        }
        while (TryConsume(TokenKind.Comma));

        Expect(TokenKind.Greater, "',' or '>'");
        return new ContextType([.. keys], [.. types]);
    }

    private FunctionType FunctionType()
    {
        var count = 0;
        if (Current.Kind != TokenKind.Greater)
        {
            do
            {
                Type();
                count++;
            }
            while (TryConsume(TokenKind.Comma));
        }

        Expect(TokenKind.Greater, "',' or '>'");
        if (Current.Kind != TokenKind.Minus || Peek(1).Kind != TokenKind.Greater || Peek(1).Start != Current.End)
        {
            throw Expected("'->'");
        }

        Advance();
        Advance();
        Type();
        return new FunctionType(count);
    }

    private NamedType NamedType()
    {
        var token = Current;
        if (token.Quoted)
        {
            Advance();
            return new NamedType(token.Text!);
        }

        foreach (var words in TypeNames)
        {
            if (MatchesWords(words))
            {
                for (var k = 0; k < words.Length; k++)
                {
                    Advance();
                }

                return new NamedType(string.Join(' ', words));
            }
        }

        throw new FeelParseException($"unknown type '{Lexer.Shorten(token.Text!)}'", token.Start);
    }

    private static string[][] CreateTypeNames()
    {
        var names = FeelType.Names.Select(n => n.Split(' ')).ToList();
        names.Sort((a, b) => b.Length.CompareTo(a.Length));
        return [.. names];
    }

    // ---------------------------------------------------------------- unary tests

    private UnaryTestsNode UnaryTests()
    {
        if (Current.Kind == TokenKind.End)
        {
            return UnaryTestsNode.AnyInput;
        }

        if (Current.Kind == TokenKind.Minus && Peek(1).Kind == TokenKind.End)
        {
            return UnaryTestsNode.AnyInput;
        }

        if (Current.Is("not") && Peek(1).Kind == TokenKind.LeftParen)
        {
            var (position, depth) = (_pos, _depth);
            Advance();
            Advance();
            var negated = PositiveTests();
            if (Current.Kind == TokenKind.RightParen && Peek(1).Kind == TokenKind.End)
            {
                return new UnaryTestsNode(negated, true);
            }

            // Something follows the parentheses: 'not(...)' is part of an expression test.
            (_pos, _depth) = (position, depth);
        }

        var tests = PositiveTests();
        ExpectEnd();
        return new UnaryTestsNode(tests, false);
    }

    private PositiveTest[] PositiveTests()
    {
        var tests = new List<PositiveTest>();
        do
        {
            tests.Add(PositiveTest());
        }
        while (TryConsume(TokenKind.Comma));

        return [.. tests];
    }

    private PositiveTest PositiveTest()
    {
        var token = Current;
        if (TryComparisonOperator(token.Kind, out var op))
        {
            Advance();
            return new ComparisonTest(op, Additive());
        }

        // A bare boolean compares with the input rather than being "true for any input".
        if ((token.Is("true") || token.Is("false")) && Peek(1).Kind is TokenKind.Comma or TokenKind.End or TokenKind.RightParen)
        {
            Advance();
            return new ComparisonTest(ComparisonOperator.Equal, new LiteralNode(FeelBoolean.Of(token.Is("true"))));
        }

        var inputBefore = _inputUses;
        var expression = Expression();
        return new ExpressionTest(expression, _inputUses > inputBefore);
    }

    /// <summary>
    /// The tests after <c>in</c>: one positive unary test, or a parenthesised list of them. A '('
    /// whose first item is followed by '..' opens a range instead (<c>x in (1..10]</c>); deciding
    /// there, without backtracking, keeps parsing linear.
    /// </summary>
    private PositiveTest[] InTests()
    {
        if (!TryConsume(TokenKind.LeftParen))
        {
            return [PositiveTest()];
        }

        Enter();
        var first = PositiveTest();
        if (first is ExpressionTest { UsesInput: false } start && TryConsume(TokenKind.DotDot))
        {
            _depth--;
            return [new ExpressionTest(RangeEnd(start.Expression, false), false)];
        }

        var tests = new List<PositiveTest> { first };
        while (TryConsume(TokenKind.Comma))
        {
            tests.Add(PositiveTest());
        }

        Expect(TokenKind.RightParen, "',' or ')'");
        _depth--;
        return [.. tests];
    }
}

using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Spec;

/// <summary>Examples from DMN 1.5 chapter 10 (FEEL), including the loan-application example context of section 10.6.</summary>
public class Chapter10ExamplesTests
{
    private static readonly FeelContext Loan = C(
        ("Applicant", C(
            ("Age", N(51)),
            ("Marital Status", S("M")),
            ("Employment Status", S("EMPLOYED")),
            ("Existing Customer", B(false)),
            ("Monthly", C(("Income", N(10000.00m)), ("Repayments", N(2500.00m)), ("Expenses", N(3000.00m)))))),
        ("Requested Product", C(
            ("Product Type", S("STANDARD LOAN")),
            ("Rate", N(0.25m)),
            ("Term", N(36)),
            ("Amount", N(100000.00m)))),
        ("credit history", L(
            C(("record date", S("2008-03-12")), ("event", S("home mortgage")), ("weight", N(100))),
            C(("record date", S("2011-04-01")), ("event", S("foreclosure warning")), ("weight", N(150))))));

    [Theory]
    [InlineData("{a: 1, b: a + 1}.b", "2")]
    [InlineData("[1, 2, 3, 4][item > 2]", "[3, 4]")]
    [InlineData("[1, 2, 3, 4][-1]", "4")]
    [InlineData("[{x: 1, y: 2}, {x: 2, y: 3}][x = 1]", "[{x:1, y:2}]")]
    [InlineData("[{x: 1, y: 2}, {x: 2, y: 3}].y", "[2, 3]")]
    [InlineData("for i in [1, 2, 3] return i * i", "[1, 4, 9]")]
    [InlineData("for x in [1, 2], y in [3, 4] return x * y", "[3, 4, 6, 8]")]
    [InlineData("for i in 0..4 return if i = 0 then 1 else i * partial[-1]", "[1, 1, 2, 6, 24]")]
    [InlineData("some x in [1, 2, 3] satisfies x > 2", "true")]
    [InlineData("every x in [1, 2, 3] satisfies x > 1", "false")]
    [InlineData("some x in [1, 2], y in [2, 3] satisfies x > y", "false")]
    [InlineData("every x in [1, 2], y in [2, 3] satisfies x < y", "false")]
    [InlineData("1 in [1..10]", "true")]
    [InlineData("5 between 3 and 7", "true")]
    [InlineData("\"a\" + \"b\"", "\"ab\"")]
    [InlineData("if 1 > 0 then \"positive\" else \"negative\"", "\"positive\"")]
    [InlineData("{x: 5, y: x * 2}", "{x:5, y:10}")]
    [InlineData("(function(x, y) x + y)(1, 2)", "3")]
    [InlineData("true and null", "null")]
    [InlineData("false and null", "false")]
    [InlineData("true or null", "true")]
    [InlineData("false or null", "null")]
    [InlineData("null = null", "true")]
    [InlineData("0 = null", "false")]
    [InlineData("1 instance of number", "true")]
    public void Expressions(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("Applicant.Monthly.Income * 12", "120000")]
    [InlineData("Applicant.Age < 18", "false")]
    [InlineData("Applicant.Age in [18..65)", "true")]
    [InlineData("Applicant.Monthly.Income - (Applicant.Monthly.Repayments + Applicant.Monthly.Expenses)", "4500")]
    [InlineData("if Applicant.Marital Status in (\"M\", \"S\") then \"valid\" else \"not valid\"", "\"valid\"")]
    [InlineData("Requested Product.Amount * Requested Product.Rate / 12", "2083.3333333333333333333333333")]
    [InlineData("some ch in credit history satisfies ch.event = \"bankruptcy\"", "false")]
    [InlineData("some ch in credit history satisfies ch.event = \"foreclosure warning\"", "true")]
    [InlineData("credit history[weight > 120].event", "[\"foreclosure warning\"]")]
    [InlineData("every ch in credit history satisfies ch.weight >= 100", "true")]
    [InlineData("{PMT: function(rate, term, amount) (amount * rate / 12) / (1 - (1 + rate / 12) ** -term), r: PMT(Requested Product.Rate, Requested Product.Term, Requested Product.Amount)}.r > 3975", "true")]
    [InlineData("Applicant.Existing Customer = false and Applicant.Employment Status = \"EMPLOYED\"", "true")]
    public void LoanExample(string expression, string expected)
    {
        // Act
        var result = Show(expression, Loan);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void LoanExample_MonthlyPayment()
    {
        // Arrange
        const string pmt = "(Requested Product.Amount * Requested Product.Rate / 12) / (1 - (1 + Requested Product.Rate / 12) ** -Requested Product.Term)";

        // Act
        var payment = Assert.IsType<FeelNumber>(Eval(pmt, Loan));

        // Assert
        Assert.Equal(3975.98m, decimal.Round(payment.Value, 2));
    }

    [Theory]
    [InlineData("5", "5", "true")]
    [InlineData("< 5", "5", "false")]
    [InlineData("[1..5]", "5", "true")]
    [InlineData("\"a\", \"b\"", "\"b\"", "true")]
    [InlineData("not(\"a\", \"b\")", "\"c\"", "true")]
    [InlineData("-", "\"anything\"", "true")]
    [InlineData("? > 3", "5", "true")]
    [InlineData(">= 18, null", "null", "true")]
    public void UnaryTests(string tests, string input, string expected)
    {
        // Arrange
        var value = Eval(input);

        // Act
        var result = Engine.ParseUnaryTests(tests).Evaluate(value);

        // Assert
        Assert.Equal(expected, result.Value.ToString());
    }

    [Theory]
    [InlineData("decimal(1/3, 2)", "0.33")]
    [InlineData("decimal(1.5, 0)", "2")]
    [InlineData("floor(1.5)", "1")]
    [InlineData("sum(Applicant.Monthly.Repayments, Applicant.Monthly.Expenses)", "5500")]
    [InlineData("count([1, 2, 3])", "3")]
    [InlineData("string length(\"foo\")", "3")]
    [InlineData("substring(\"foobar\", 3)", "\"obar\"")]
    [InlineData("substring(string: \"foobar\", start position: 3, length: 2)", "\"ob\"")]
    [InlineData("upper case(\"aBc4\")", "\"ABC4\"")]
    [InlineData("list contains([1, 2, 3], 2)", "true")]
    [InlineData("date(\"2012-12-25\") - date(\"2012-12-24\") = duration(\"P1D\")", "true")]
    [InlineData("date and time(\"2012-12-24T23:59:00\") + duration(\"PT1M\") = date and time(\"2012-12-25T00:00:00\")", "true")]
    [InlineData("time(\"23:59:00z\") + duration(\"PT2M\") = time(\"00:01:00@Etc/UTC\")", "true")]
    [InlineData("@\"2012-12-25\" > @\"2012-12-24\"", "true")]
    [InlineData("range(\"[18..21)\") = [18..21)", "true")]
    [InlineData("19 in range(\"[18..21)\")", "true")]
    [InlineData("range(\">= 5\")", "[5..null)")]
    public void BuiltInFunctions(string expression, string expected)
    {
        // Act
        var result = Show(expression, Loan);

        // Assert
        Assert.Equal(expected, result);
    }
}

using System.Xml.Linq;
using MathCluster.Recognition.Classification;
using MathCluster.Recognition.Expressions;
using MathCluster.Recognition.Imaging;
using MathCluster.Recognition.Layout;

namespace MathCluster.Recognition.Tests.Layout;

public class LayoutParserTests
{
    private static readonly XNamespace MathMl = "http://www.w3.org/1998/Math/MathML";

    private static readonly Dictionary<string, (Func<LayoutSketch> Sketch, string Value, string Linear, string Latex)> Cases = new()
    {
        ["decimal"] = (() => new LayoutSketch().Write("3.5+1.25"), "19/4", "3.5+1.25", "3.5+1.25"),
        ["fraction"] = (() => new LayoutSketch().Fraction("3", "4"), "3/4", "3/4", @"\frac{3}{4}"),
        ["sum over a number"] = (() => new LayoutSketch().Fraction("3+1", "4"), "1", "(3+1)/4", @"\frac{3+1}{4}"),
        ["fraction in a sum"] = (() => new LayoutSketch().Write("2+").Fraction("1", "2").Write("-1"), "3/2", "2+1/2-1", @"2+\frac{1}{2}-1"),
        ["nested fraction"] = (() => new LayoutSketch().Fraction(s => s.Write("1"), s => s.Fraction("2", "3")), "3/2", "1/(2/3)", @"\frac{1}{\frac{2}{3}}"),
        ["fraction over a number"] = (() => new LayoutSketch().Fraction(s => s.Fraction("1", "2"), s => s.Write("4")), "1/8", "(1/2)/4", @"\frac{\frac{1}{2}}{4}"),
        ["divided by a fraction"] = (() => new LayoutSketch().Write("6÷").Fraction("3", "4"), "8", "6/(3/4)", @"6 \div \frac{3}{4}"),
        ["power"] = (() => new LayoutSketch().Write("2").Raised("3"), "8", "2^3", "2^{3}"),
        ["power of a number"] = (() => new LayoutSketch().Write("12").Raised("2").Write("+1"), "145", "12^2+1", "12^{2}+1"),
        ["power of a bracket"] = (() => new LayoutSketch().Write("(1+2)").Raised("2"), "9", "(1+2)^2", @"\left(1+2\right)^{2}"),
        ["negated power"] = (() => new LayoutSketch().Write("-2").Raised("2"), "-4", "-2^2", "-2^{2}"),
        ["fraction inside brackets"] = (() => new LayoutSketch().Write("2×").Tall('(').Fraction("1", "2").Write("+1").Tall(')'), "3", "2*(1/2+1)", @"2 \times \left(\frac{1}{2}+1\right)"),
        ["power of a fraction in brackets"] = (() => new LayoutSketch().Tall('(').Fraction("3", "4").Tall(')').Raised("2"), "9/16", "(3/4)^2", @"\left(\frac{3}{4}\right)^{2}"),
        ["power of a fraction"] = (() => new LayoutSketch().Fraction("1", "2").Raised("3"), "1/8", "(1/2)^3", @"\left(\frac{1}{2}\right)^{3}"),
        ["decimal over a number"] = (() => new LayoutSketch().Fraction("1.5", "3"), "1/2", "1.5/3", @"\frac{1.5}{3}"),
        ["mix"] = (() => new LayoutSketch().Fraction("1", "2").Write("+2").Raised("3").Write("-0.5"), "8", "1/2+2^3-0.5", @"\frac{1}{2}+2^{3}-0.5"),
        ["power over a decimal sum"] = (() => new LayoutSketch().Fraction(s => s.Write("3").Raised("2"), s => s.Write("0.5+4")), "2", "3^2/(0.5+4)", @"\frac{3^{2}}{0.5+4}"),
        ["trailing equals"] = (() => new LayoutSketch().Fraction("1", "2").Write("="), "1/2", "1/2", @"\frac{1}{2}"),
    };

    public static TheoryData<string> Layouts => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Parse_ReadsTheLayout(string layout)
    {
        var (sketch, value, linear, latex) = Cases[layout];

        LayoutReading reading = sketch().Parse();

        Assert.True(reading.Evaluation.ErrorKind == ExpressionErrorKind.None, $"{layout}: {reading.Evaluation.Error}");
        Assert.Equal(value, reading.Evaluation.Value!.Value.ToFractionString());
        Assert.Equal(linear, reading.Evaluation.Expression);
        Assert.Equal(latex, reading.Latex);
        Assert.True(reading.LayoutLogLikelihood <= 0);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Parse_WritesMathMlThatParsesAsXmlAndNamesEveryNumber(string layout)
    {
        var (sketch, _, linear, _) = Cases[layout];

        LayoutReading reading = sketch().Parse();

        XElement math = XDocument.Parse(reading.MathMl!).Root!;

        Assert.Equal(MathMl + "math", math.Name);
        var numbers = math.Descendants(MathMl + "mn").Select(n => n.Value).ToList();
        var written = System.Text.RegularExpressions.Regex.Matches(linear, @"[0-9.]+").Select(m => m.Value).ToList();
        Assert.True(written.SequenceEqual(numbers), $"{layout}: {reading.MathMl}");
        Assert.Equal(linear.Count(c => c == '^'), math.Descendants(MathMl + "msup").Count());
    }

    [Fact]
    public void Parse_StackedFraction_IsAnMfracOfNumeratorAndDenominator()
    {
        XElement math = XDocument.Parse(new LayoutSketch().Fraction("3+1", "4").Parse().MathMl!).Root!;

        XElement fraction = Assert.Single(math.Descendants(MathMl + "mfrac"));
        Assert.Equal(2, fraction.Elements().Count());
        Assert.Equal(["3", "+", "1"], fraction.Elements().First().Elements().Select(e => e.Value));
        Assert.Equal("4", fraction.Elements().Last().Value);
    }

    [Fact]
    public void Parse_Power_IsAnMsupOfBaseAndExponent()
    {
        XElement math = XDocument.Parse(new LayoutSketch().Write("(1+2)").Raised("2").Parse().MathMl!).Root!;

        XElement power = Assert.Single(math.Descendants(MathMl + "msup"));
        Assert.Equal(["(", "1", "+", "2", ")"], power.Elements().First().Descendants().Where(e => !e.HasElements).Select(e => e.Value));
        Assert.Equal("2", power.Elements().Last().Value);
    }

    [Fact]
    public void Parse_DecimalPoint_IsDecidedByGeometryWhateverItsLabel()
    {
        LayoutReading reading = new LayoutSketch().Write("0.1+0.2").Parse();

        Assert.Equal(new BigRational(3, 10), reading.Evaluation.Value);
        Assert.Equal("0.1+0.2", reading.Evaluation.Expression);
        Assert.Equal(".", reading.Labels[1]);
        Assert.Equal(".", reading.Labels[5]);
    }

    [Fact]
    public void Parse_DotAtMidHeight_IsNotADecimalPoint()
    {
        LayoutReading reading = new LayoutSketch().Write("3·5").Parse();

        Assert.Equal(ExpressionErrorKind.Syntax, reading.Evaluation.ErrorKind);
        Assert.Equal(1, reading.Evaluation.ErrorSymbolIndex);
        Assert.Contains("not a decimal point", reading.Evaluation.Error);
        Assert.Null(reading.Tree);
        Assert.Null(reading.MathMl);
    }

    [Fact]
    public void Parse_DotNotBetweenDigits_IsNotADecimalPoint()
    {
        LayoutReading reading = new LayoutSketch().Write("3+.5").Parse();

        Assert.Equal(ExpressionErrorKind.Syntax, reading.Evaluation.ErrorKind);
        Assert.Equal(2, reading.Evaluation.ErrorSymbolIndex);
    }

    [Fact]
    public void Parse_MinusBetweenNumbers_IsAMinusButWithNumbersAboveAndBelowIsABar()
    {
        LayoutReading minus = new LayoutSketch().Write("7-1").Parse();
        LayoutReading bar = new LayoutSketch().Fraction("7", "1").Parse();

        Assert.Equal((BigRational)6, minus.Evaluation.Value);
        Assert.Equal("7-1", minus.Evaluation.Expression);
        Assert.Equal((BigRational)7, bar.Evaluation.Value);
        Assert.Equal("7/1", bar.Evaluation.Expression);
        Assert.Equal("fraction", bar.Structure!.Kind);
        Assert.Equal("sum", minus.Structure!.Kind);
    }

    [Fact]
    public void Parse_MinusBesideAFraction_StaysAMinus()
    {
        LayoutReading reading = new LayoutSketch().Write("3-").Fraction("1", "2").Parse();

        Assert.Equal(new BigRational(5, 2), reading.Evaluation.Value);
        Assert.Equal("3-1/2", reading.Evaluation.Expression);
    }

    [Fact]
    public void Parse_MinusInsideANumerator_StaysAMinus()
    {
        LayoutReading reading = new LayoutSketch().Fraction("9-1", "4").Parse();

        Assert.Equal((BigRational)2, reading.Evaluation.Value);
        Assert.Equal("(9-1)/4", reading.Evaluation.Expression);
    }

    [Fact]
    public void Parse_BarWithNothingBelow_IsAMinusThatEndsTheExpression()
    {
        var sketch = new LayoutSketch().Write("7-");

        LayoutReading reading = sketch.Parse();

        Assert.Equal(ExpressionErrorKind.Syntax, reading.Evaluation.ErrorKind);
        Assert.Equal("The expression ends with an operator '-'.", reading.Evaluation.Error);
    }

    [Fact]
    public void Parse_Structure_NamesTheSymbolsOfEachNode()
    {
        // Symbols in writing order: 2, raised 3, +, 1 over bar 4 (the sketch adds the bar after what it spans).
        LayoutReading reading = new LayoutSketch().Write("2").Raised("3").Write("+").Fraction("1", "4").Parse();

        StructureNode sum = reading.Structure!;
        Assert.Equal(("sum", "+"), (sum.Kind, sum.Text));
        Assert.Equal([2], sum.Symbols);
        StructureNode power = sum.Children[0], fraction = sum.Children[1];
        Assert.Equal("power", power.Kind);
        Assert.Equal([("number", "2", 0), ("number", "3", 1)], power.Children.Select(c => (c.Kind, c.Text, c.Symbols.Single())));
        Assert.Equal("fraction", fraction.Kind);
        Assert.Equal([5], fraction.Symbols);
        Assert.Equal([3, 4], fraction.Children.Select(c => c.Symbols.Single()));
        Assert.Equal(new BigRational(33, 4), reading.Evaluation.Value);
    }

    [Fact]
    public void Parse_HugePower_IsValueTooLargeWithoutComputingIt()
    {
        LayoutReading reading = new LayoutSketch().Write("99999").Raised("9999").Parse();

        Assert.Equal(ExpressionErrorKind.ValueTooLarge, reading.Evaluation.ErrorKind);
        Assert.StartsWith("Value too large", reading.Evaluation.Error);
        Assert.Equal(5, reading.Evaluation.ErrorSymbolIndex);
        Assert.Equal("99999^9999", reading.Evaluation.Expression);
    }

    [Fact]
    public void Parse_PowerOfAPowerFarTooLarge_IsRefusedBeforeItIsRaised()
    {
        var exponent = new LayoutSketch().Write("9").Raised("9").Parse().Tree!;
        var tower = new PowerNode(new NumberNode("9", 9, [10]), new GroupNode(exponent, 11, 12));

        ExpressionResult result = ExpressionEvaluator.EvaluateTree(tower);

        Assert.Equal(ExpressionErrorKind.ValueTooLarge, result.ErrorKind);
        Assert.Equal("9^(9^9)", result.Expression);
    }

    [Fact]
    public void Parse_ProductOfLargePowers_IsValueTooLargeAtTheProduct()
    {
        LayoutReading withinLimit = new LayoutSketch().Write("9").Raised("9000").Parse();
        LayoutReading product = new LayoutSketch().Write("9").Raised("9000").Write("×9").Raised("9000").Parse();

        Assert.Equal(ExpressionErrorKind.None, withinLimit.Evaluation.ErrorKind);
        Assert.Equal(8589, withinLimit.Evaluation.Value!.Value.Numerator.ToString().Length);
        Assert.Equal(ExpressionErrorKind.ValueTooLarge, product.Evaluation.ErrorKind);
        Assert.Equal(product.Symbols().IndexOf("×"), product.Evaluation.ErrorSymbolIndex);
    }

    [Fact]
    public void Parse_FractionalExponent_IsANonIntegerExponentError()
    {
        LayoutReading reading = new LayoutSketch().Write("4").Raised("0.5").Parse();

        Assert.Equal(ExpressionErrorKind.NonIntegerExponent, reading.Evaluation.ErrorKind);
        Assert.Equal(1, reading.Evaluation.ErrorSymbolIndex);
        Assert.Contains("1/2", reading.Evaluation.Error);
        Assert.Equal("4^0.5", reading.Evaluation.Expression);
    }

    [Fact]
    public void Parse_NegativeExponent_IsExact()
    {
        var tree = new PowerNode(new NumberNode("2", 2, [0]), new GroupNode(new SignNode("-", [2], new NumberNode("3", 3, [3])), 1, 4));

        ExpressionResult result = ExpressionEvaluator.EvaluateTree(tree);

        Assert.Equal(new BigRational(1, 8), result.Value);
        Assert.Equal("2^(-3)", result.Expression);
    }

    [Fact]
    public void Parse_FractionOverZero_IsUndefinedAtTheBar()
    {
        LayoutReading reading = new LayoutSketch().Fraction("1", "0").Parse();

        Assert.Equal(ExpressionErrorKind.DivisionByZero, reading.Evaluation.ErrorKind);
        Assert.Equal("Division by zero: the value is undefined.", reading.Evaluation.Error);
        Assert.Equal(2, reading.Evaluation.ErrorSymbolIndex);
        Assert.Equal(@"\frac{1}{0}", reading.Latex);
    }

    [Fact]
    public void Parse_ZeroToANegativePower_IsUndefined()
    {
        var tree = new PowerNode(new NumberNode("0", 0, [0]), new SignNode("-", [1], new NumberNode("1", 1, [2])));

        Assert.Equal(ExpressionErrorKind.DivisionByZero, ExpressionEvaluator.EvaluateTree(tree).ErrorKind);
    }

    [Fact]
    public void Parse_NoSymbolsOrOnlyEquals_IsEmpty()
    {
        Assert.Equal(ExpressionErrorKind.Empty, LayoutParser.Parse([]).Evaluation.ErrorKind);
        Assert.Equal(ExpressionErrorKind.Empty, new LayoutSketch().Write("=").Parse().Evaluation.ErrorKind);
    }

    [Fact]
    public void Parse_FlatRow_AgreesWithTheFlatEvaluator()
    {
        foreach (string text in new[] { "12+7×(3-1)", "8÷4÷2", "2--3", "3+4=", "(2)3", "1÷0" })
        {
            ExpressionResult flat = ExpressionEvaluator.Evaluate(text.Select(c => c.ToString()).ToList());
            ExpressionResult laidOut = new LayoutSketch().Write(text).Parse().Evaluation;

            Assert.Equal(flat, laidOut);
        }
    }

    [Fact]
    public void Parse_TooManySymbols_IsASyntaxErrorNotAStall()
    {
        var symbols = Enumerable.Range(0, LayoutParser.MaxSymbols + 1).Select(i => new LayoutSymbol(new PixelBox(i * 10, 0, 8, 12), "1")).ToList();

        LayoutReading reading = LayoutParser.Parse(symbols);

        Assert.Equal(ExpressionErrorKind.Syntax, reading.Evaluation.ErrorKind);
        Assert.StartsWith("Too many symbols", reading.Evaluation.Error);
    }

    [Fact]
    public void Parse_DeeplyNestedBars_AreCappedNotCrashed()
    {
        // 200 bars, each wider than the one above it, with a digit between each pair.
        var symbols = new List<LayoutSymbol>();
        for (int i = 0; i < 200; i++)
        {
            symbols.Add(new LayoutSymbol(new PixelBox(10000 - 20 * i, 100 + 40 * i, 40 * i + 60, 4), "-"));
            symbols.Add(new LayoutSymbol(new PixelBox(10020, 80 + 40 * i, 10, 16), "1"));
        }

        LayoutReading reading = LayoutParser.Parse(symbols);

        Assert.Equal(ExpressionErrorKind.Syntax, reading.Evaluation.ErrorKind);
        Assert.StartsWith("Too deeply nested", reading.Evaluation.Error);
    }

    [Fact]
    public void ParseBest_PicksTheLabelsThatFormAFormulaWithTheLayout()
    {
        var sketch = new LayoutSketch().Write("2").Raised("3");
        var candidates = new[]
        {
            new LayoutCandidate(sketch.Symbols[0].Box, [new LabelScore("2", 0.9f), new LabelScore("7", 0.1f)]),
            new LayoutCandidate(sketch.Symbols[1].Box, [new LabelScore("+", 0.6f), new LabelScore("3", 0.4f)]),
        };

        LayoutReading reading = LayoutParser.ParseBest(candidates);

        Assert.Equal((BigRational)8, reading.Evaluation.Value);
        Assert.Equal(["2", "3"], reading.Labels);
        Assert.Equal(Math.Log(0.9f) + Math.Log(0.4f), reading.LabelLogProbability, 6);
        Assert.True(reading.Score < reading.LabelLogProbability);
    }

    [Fact]
    public void ParseBest_WhenNothingParses_ReturnsTheMostProbableLabelsWithTheirError()
    {
        var sketch = new LayoutSketch().Write("++");
        var candidates = sketch.Symbols.Select(s => new LayoutCandidate(s.Box, [new LabelScore("+", 0.7f), new LabelScore("×", 0.3f)])).ToArray();

        LayoutReading reading = LayoutParser.ParseBest(candidates);

        Assert.Equal(ExpressionErrorKind.Syntax, reading.Evaluation.ErrorKind);
        Assert.Equal(["+", "+"], reading.Labels);
    }
}

internal static class LayoutReadingExtensions
{
    /// <summary>The labels as read, for finding a symbol's index in a test.</summary>
    public static List<string> Symbols(this LayoutReading reading) => reading.Labels.ToList();
}

public class LayoutParserRobustnessTests
{
    [Fact]
    public void Parse_AnyBoxesAndLabels_GiveAReadingNeverAnException()
    {
        var random = new Random(1616);
        string?[] labels = [.. SymbolClasses.All, "", "x", null];
        for (int @case = 0; @case < 3_000; @case++)
        {
            var symbols = Enumerable.Range(0, random.Next(0, 24)).Select(_ => new LayoutSymbol(
                new PixelBox(random.Next(-50, 400), random.Next(-50, 400), random.Next(0, 150), random.Next(0, 150)),
                labels[random.Next(labels.Length)]!)).ToList();

            LayoutReading reading = LayoutParser.Parse(symbols);

            Assert.Equal(symbols.Count, reading.Labels.Count);
            Assert.Equal(reading.Tree is null, reading.Evaluation.ErrorKind is ExpressionErrorKind.Syntax or ExpressionErrorKind.Empty);
            Assert.False(double.IsNaN(reading.LayoutLogLikelihood));
            if (reading.Tree is not null) Assert.NotNull(System.Xml.Linq.XElement.Parse(reading.MathMl!));
        }
    }
}

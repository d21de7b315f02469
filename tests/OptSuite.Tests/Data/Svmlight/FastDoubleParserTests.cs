using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OptSuite.Data;

namespace OptSuite.Tests.Data.Svmlight;

public partial class FastDoubleParserTests
{
    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex PlainDecimal();

    /// <summary>Parses <paramref name="s"/> followed by a newline sentinel: (status, value, bytes consumed).</summary>
    internal static unsafe (int Status, double Value, int Consumed) Parse(string s)
    {
        var bytes = Encoding.ASCII.GetBytes(s + "\n");
        fixed (byte* start = bytes)
        {
            byte* p = start;
            int status = FastDoubleParser.Parse(ref p, out double v);
            return (status, v, (int)(p - start));
        }
    }

    /// <summary>The contract: accept exactly the finite plain decimals double.Parse accepts, with identical bits.</summary>
    private static void AgreesWithDoubleParse(string s)
    {
        bool netOk = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);
        var (status, value, consumed) = Parse(s);
        bool accepted = status == FastDoubleParser.Ok && consumed == s.Length;
        bool plain = PlainDecimal().IsMatch(s);
        Assert.True(accepted == (netOk && plain && double.IsFinite(expected)), $"'{s}': ours {status}/{consumed}, double.Parse {netOk} {expected}");
        if (accepted)
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value),
                $"'{s}': ours {value:R} (0x{BitConverter.DoubleToInt64Bits(value):x}), double.Parse {expected:R} (0x{BitConverter.DoubleToInt64Bits(expected):x})");
        if (netOk && plain && !double.IsFinite(expected)) Assert.Equal(FastDoubleParser.NonFinite, status);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+0")]
    [InlineData("-0.0e-5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("-.5")]
    [InlineData("+.5e-3")]
    [InlineData("1E+3")]
    [InlineData("1e-3")]
    [InlineData("00012.50000")]
    [InlineData("0.1")]
    [InlineData("0.30000000000000004")]
    [InlineData("1e22")]
    [InlineData("1e23")]
    [InlineData("9007199254740992")]
    [InlineData("9007199254740993")]
    [InlineData("9007199254740995")]
    [InlineData("18446744073709551615")]
    [InlineData("9999999999999999999")]
    [InlineData("99999999999999999999")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.123456789012345678901234567890e-5")]
    [InlineData("1.00000000000000000000000000001")]
    [InlineData("1.000000000000000000000000000000")]
    [InlineData("0.12345678901234567")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("1.7976931348623158e308")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791")]
    [InlineData("1e308")]
    [InlineData("1e309")]
    [InlineData("-1e400")]
    [InlineData("1e99999999999999")]
    [InlineData("0e99999999999999")]
    [InlineData("1e-99999999999999")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("2.2250738585072012e-308")]
    [InlineData("2.2250738585072014e-308")]
    [InlineData("4.9406564584124654e-324")]
    [InlineData("2.4703282292062327e-324")]
    [InlineData("2.4703282292062328e-324")]
    [InlineData("2.47032822920623272088e-324")]
    [InlineData("1e-324")]
    [InlineData("5e-324")]
    [InlineData("1e-400")]
    [InlineData("7.2057594037927933e16")]
    [InlineData("8.98846567431158e307")]
    [InlineData("3.0540412e5")]
    [InlineData("0.00392156862745098")]
    [InlineData("inf")]
    [InlineData("-inf")]
    [InlineData("Infinity")]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData("e5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1.2.3")]
    [InlineData("1_0")]
    [InlineData("0x10")]
    [InlineData("1,5")]
    [InlineData("")]
    [InlineData("--1")]
    [InlineData("1e5.5")]
    public void EdgeCasesAgreeWithDoubleParse(string s) => AgreesWithDoubleParse(s);

    [Fact]
    public void RandomDoublesInManyFormatsAgreeBitForBit()
    {
        var rng = new Random(20240611);
        string[] formats = ["R", "E16", "E17", "E20", "G15", "G17", "F6", "E3"];
        for (int trial = 0; trial < 120_000; trial++)
        {
            double d = trial % 3 == 0
                ? BitConverter.Int64BitsToDouble(rng.NextInt64())                    // any finite double, subnormals included
                : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-30, 30));        // everyday magnitudes
            if (!double.IsFinite(d)) continue;
            string s = d.ToString(formats[trial % formats.Length], CultureInfo.InvariantCulture);
            if (trial % 5 == 0) s = s.Replace("E", "e").Replace("e+", "e");
            AgreesWithDoubleParse(s);
        }
    }

    [Fact]
    public void RandomDigitStringsAgreeBitForBit()
    {
        var rng = new Random(7);
        var sb = new StringBuilder();
        for (int trial = 0; trial < 120_000; trial++)
        {
            sb.Clear();
            int sign = rng.Next(4);
            if (sign == 1) sb.Append('-');
            else if (sign == 2) sb.Append('+');
            int intDigits = rng.Next(0, trial % 2 == 0 ? 20 : 40), fracDigits = rng.Next(0, 25);
            for (int k = 0; k < intDigits; k++) sb.Append((char)('0' + (k == 0 ? rng.Next(0, 10) : rng.Next(10))));
            if (rng.Next(3) > 0) sb.Append('.');
            for (int k = 0; k < fracDigits; k++) sb.Append((char)('0' + rng.Next(10)));
            if (rng.Next(2) == 0) sb.Append(rng.Next(2) == 0 ? 'e' : 'E').Append(rng.Next(3) switch { 0 => "-", 1 => "+", _ => "" })
                .Append(rng.Next(0, 400));
            AgreesWithDoubleParse(sb.ToString());
        }
    }

    [Fact]
    public void NineteenDigitHalfwayCasesRoundToEven()
    {
        // w·10^q exactly halfway between two doubles: 2^53 + 1 and neighbours scaled by powers of ten.
        for (long m = (1L << 53) - 20; m < (1L << 53) + 20; m++)
            for (int e = -5; e <= 5; e++)
                AgreesWithDoubleParse($"{m}e{e}");
        for (int k = 0; k < 64; k++)
            AgreesWithDoubleParse(((ulong)1 << k).ToString(CultureInfo.InvariantCulture) + "5e-1");
    }

    [Fact]
    public void ParsingStopsAtTheFirstByteThatCannotContinueANumber()
    {
        var (status, value, consumed) = Parse("12.5:3");
        Assert.Equal(FastDoubleParser.Ok, status);
        Assert.Equal(12.5, value);
        Assert.Equal(4, consumed);
    }
}

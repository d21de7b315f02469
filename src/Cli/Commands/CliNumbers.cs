using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OptSuite.Cli.Commands;

/// <summary>
/// How every numeric option of every command is read: the invariant culture, a point for decimals and no group
/// separators, so <c>--lambda 0,5</c> or <c>--max-iter 1,000</c> is an error rather than 5 or 1000 in some cultures;
/// finite values only, within the option's range. Each failure is one message naming the option and the token.
/// </summary>
internal static class CliNumbers
{
    /// <summary>A closed or open interval; infinite ends mean no bound.</summary>
    private readonly record struct Range(double Min, bool MinOpen, double Max, bool MaxOpen)
    {
        public bool Contains(double v) => (MinOpen ? v > Min : v >= Min) && (MaxOpen ? v < Max : v <= Max);

        public string Describe()
        {
            string Number(double v) => v.ToString("G", CultureInfo.InvariantCulture);
            bool low = double.IsFinite(Min), high = double.IsFinite(Max);
            if (low && high) return $" in {(MinOpen ? '(' : '[')}{Number(Min)}, {Number(Max)}{(MaxOpen ? ')' : ']')}";
            if (low) return $" {(MinOpen ? ">" : "≥")} {Number(Min)}";
            if (high) return $" {(MaxOpen ? "<" : "≤")} {Number(Max)}";
            return "";
        }
    }

    private static readonly Range Any = new(double.NegativeInfinity, false, double.PositiveInfinity, false);
    private static readonly Range NonNegative = Any with { Min = 0 };
    private static readonly Range Positive = Any with { Min = 0, MinOpen = true };
    private static readonly Range AtLeastOne = Any with { Min = 1 };
    private static readonly Range Unit = new(0, false, 1, false);
    private static readonly Range OpenUnit = new(0, true, 1, true);
    private static readonly Range Seconds = new(0, true, 1e6, true);

    /// <summary>The range of each numeric option, by name; the same name means the same quantity in every command.</summary>
    private static readonly Dictionary<string, Range> Ranges = new()
    {
        ["--lambda"] = NonNegative, ["--C"] = Positive, ["--l1-ratio"] = Unit, ["--quantile"] = OpenUnit,
        ["--delta"] = Positive, ["--epsilon"] = NonNegative, ["--intercept-scaling"] = Positive, ["--tol"] = NonNegative,
        ["--group-size"] = AtLeastOne, ["--max-iter"] = NonNegative, ["--max-iterations"] = AtLeastOne,
        ["--n-lambda"] = AtLeastOne, ["--lambda-min-ratio"] = OpenUnit,
        ["--folds"] = Any with { Min = 2 }, ["--parallel"] = AtLeastOne, ["--max-time"] = Seconds,
        ["--reference-time"] = Seconds, ["--trace-every"] = AtLeastOne, ["--features"] = NonNegative,
        ["--lower-bound"] = Any with { Max = 0 }, ["--upper-bound"] = NonNegative,
        ["--shard-size"] = Positive, ["--ranks"] = AtLeastOne, ["--checkpoint-every"] = AtLeastOne, ["--trace-share"] = NonNegative,
    };

    /// <summary>Gives every numeric option of <paramref name="command"/> and its subcommands this parser, except those
    /// that bring their own (<c>--threads</c>: <see cref="ThreadsOption"/>).</summary>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            if (option is Option<int?> { CustomParser: not null } or Option<int> { CustomParser: not null }
                or Option<double?> { CustomParser: not null } or Option<double> { CustomParser: not null })
                continue;
            switch (option)
            {
                case Option<double> d: d.CustomParser = r => ParseReal(r, d.Name); break;
                case Option<double?> d: d.CustomParser = r => r.Tokens.Count == 0 ? null : ParseReal(r, d.Name); break;
                case Option<int> i: i.CustomParser = r => ParseInteger(r, i.Name); break;
                case Option<int?> i: i.CustomParser = r => r.Tokens.Count == 0 ? null : ParseInteger(r, i.Name); break;
            }
        }
        foreach (var sub in command.Subcommands) Apply(sub);
    }

    private static Range RangeOf(string name) => Ranges.TryGetValue(name, out var r) ? r : Any;

    private static double ParseReal(ArgumentResult result, string name)
    {
        string token = Token(result);
        var range = RangeOf(name);
        if (double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && range.Contains(v))
            return v;
        result.AddError($"{name} must be a finite number{range.Describe()} (written like 0.5, 1000 or 1e-3: a point for decimals, no group separators); it is '{token}'.");
        return 0;
    }

    private static int ParseInteger(ArgumentResult result, string name)
    {
        string token = Token(result);
        var range = RangeOf(name);
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && range.Contains(v))
            return v;
        string bounds = range == Any ? $" in [{int.MinValue}, {int.MaxValue}]"
            : range.Describe() + (double.IsFinite(range.Max) ? "" : $" and ≤ {int.MaxValue}");
        result.AddError($"{name} must be an integer{bounds} (written like 1000: no group separators); it is '{token}'.");
        return 0;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
}

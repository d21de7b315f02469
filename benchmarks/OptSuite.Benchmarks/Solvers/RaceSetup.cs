using System.Diagnostics;
using System.Globalization;
using OptSuite.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.Benchmarks.Solvers;

/// <summary>
/// What the races against LIBLINEAR (<see cref="DualCoordinateRace"/>, <see cref="NewtonRace"/>) share: the common
/// arguments (<c>--problem --data --target --tol --repeat --threads</c>, the race's own ones through
/// <paramref name="Own"/>), the timed load of the data, λ = 1/n (LIBLINEAR C = 1) and the first fields of the JSON line.
/// </summary>
internal sealed class RaceSetup
{
    public string Problem { get; private set; } = "";
    public string Data { get; private set; } = "";
    public double Target { get; private set; } = double.NaN;
    public double Tolerance { get; private set; } = 1e-3;
    public int Repeat { get; private set; }
    public int Threads { get; private set; } = 1;
    public double LoadSeconds { get; private set; }
    public SvmlightDataset Set { get; private set; } = null!;
    public CsrMatrix X => Set.Features;
    public double Lambda => 1.0 / X.Rows;

    /// <summary>Parses <paramref name="args"/>; an argument the race handles itself is passed to <paramref name="own"/>
    /// with a reader of its value, which returns false for an unknown one. Then reads the data, timed.</summary>
    public static RaceSetup Read(string[] args, int repeat, Func<string, Func<string>, bool> own)
    {
        var s = new RaceSetup { Repeat = repeat };
        for (int k = 0; k < args.Length; k++)
        {
            int at = k;
            string Next() => args[k = at + 1];
            switch (args[k])
            {
                case "--problem": s.Problem = Next(); break;
                case "--data": s.Data = Next(); break;
                case "--target": s.Target = Number(Next()); break;
                case "--tol": s.Tolerance = Number(Next()); break;
                case "--repeat": s.Repeat = Whole(Next()); break;
                case "--threads": s.Threads = Whole(Next()); break;
                default:
                    if (!own(args[k], Next)) throw new ArgumentException($"Unknown argument {args[k]}.", nameof(args));
                    break;
            }
        }
        var clock = Stopwatch.StartNew();
        s.Set = SvmlightReader.Read(s.Data);
        s.LoadSeconds = clock.Elapsed.TotalSeconds;
        return s;
    }

    /// <summary>The first fields of the race's JSON line.</summary>
    public Dictionary<string, object?> Fields(string tool) => new()
    {
        ["tool"] = tool, ["problem"] = Problem, ["data"] = Path.GetFileName(Data), ["n"] = X.Rows, ["p"] = X.Columns,
        ["nnz_X"] = X.NonZeroCount, ["lam"] = Lambda, ["load_seconds"] = LoadSeconds, ["threads"] = Threads,
    };

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    public static int Whole(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

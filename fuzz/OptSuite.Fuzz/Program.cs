using System.Globalization;
using OptSuite.Fuzz;

// optsuite-fuzz [--target svmlight|matrix-market|csv|model|all] [--inputs N] [--seed S] [--minutes M] [--findings DIR]
//               [--replay FILE]   (run one saved input through the target(s) and print the outcome, time and allocation)
var args_ = args.ToList();
string Option(string name, string fallback)
{
    int i = args_.IndexOf(name);
    return i >= 0 && i + 1 < args_.Count ? args_[i + 1] : fallback;
}

string which = Option("--target", "all");
long inputs = long.Parse(Option("--inputs", "1000000"), CultureInfo.InvariantCulture);
int seed = int.Parse(Option("--seed", "1"), CultureInfo.InvariantCulture);
double minutes = double.Parse(Option("--minutes", "0"), CultureInfo.InvariantCulture);
string findings = Option("--findings", Path.Combine(Path.GetTempPath(), "optsuite-fuzz-findings"));

if (which != "all" && !FuzzTargets.Names.Contains(which))
{
    Console.Error.WriteLine($"Unknown target '{which}'; use {string.Join(", ", FuzzTargets.Names)} or all.");
    return 2;
}
var targets = which == "all" ? FuzzTargets.All().ToList() : [FuzzTargets.ByName(which)];
if (Option("--replay", "") is { Length: > 0 } replay)
{
    byte[] input = File.ReadAllBytes(replay);
    foreach (var target in targets)
        for (int run = 0; run < 3; run++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            string outcome;
            try { outcome = $"accepted ({target.Run(input)} elements)"; }
            catch (Exception e) { outcome = (target.IsExpected(e) ? "rejected: " : "FINDING: ") + e.GetType().Name + ": " + e.Message; }
            Console.WriteLine($"{target.Name}: {outcome}; {clock.Elapsed.TotalMilliseconds:F2} ms, {GC.GetTotalAllocatedBytes(precise: true) - before:N0} bytes allocated");
        }
    return 0;
}
int found = 0;
foreach (var target in targets)
{
    var campaign = new FuzzCampaign(target, seed)
    {
        FindingsDirectory = findings, HangTimeout = TimeSpan.FromSeconds(30), Progress = line => Console.Error.WriteLine(line),
    };
    var stats = campaign.Run(inputs, minutes > 0 ? TimeSpan.FromMinutes(minutes) : null);
    Console.WriteLine(stats);
    foreach (var f in stats.Findings)
        Console.WriteLine($"  {f.Kind,-10} x{f.Count,-8} {f.Signature}: {f.Message.Split('\n')[0]}");
    found += stats.Findings.Count;
}
return found == 0 ? 0 : 1;

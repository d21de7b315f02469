namespace OptSuite.Fuzz;

/// <summary>What a campaign on one target did.</summary>
public sealed class FuzzStatistics
{
    /// <summary>The target's name.</summary>
    public required string Target { get; init; }

    /// <summary>Inputs run.</summary>
    public long Inputs { get; set; }

    /// <summary>Inputs parsed successfully (and passing the invariant checks).</summary>
    public long Accepted { get; set; }

    /// <summary>Inputs rejected with the documented exception type.</summary>
    public long Rejected { get; set; }

    /// <summary>Distinct findings (by signature); empty when the parser held.</summary>
    public List<FuzzFinding> Findings { get; } = [];

    /// <summary>Wall time of the campaign.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>The slowest single input, in seconds.</summary>
    public double SlowestSeconds { get; set; }

    /// <summary>The largest bytes allocated per byte of input plus parsed element.</summary>
    public double WorstAllocationRatio { get; set; }

    /// <summary>Bytes of the largest input tried.</summary>
    public int LargestInput { get; set; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Target,-14} {Inputs,10} inputs  {Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9),8:F0}/s  accepted {Accepted,9}  rejected {Rejected,9}  " +
        $"findings {Findings.Count} ({Findings.Sum(f => f.Count)} inputs)  slowest {SlowestSeconds * 1e3:F1} ms  " +
        $"worst allocation {WorstAllocationRatio:F1} B/unit  largest input {LargestInput} B  in {Elapsed.TotalSeconds:F0} s";
}

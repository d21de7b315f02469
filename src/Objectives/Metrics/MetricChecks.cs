namespace OptSuite.Objectives.Metrics;

internal static class MetricChecks
{
    public static void Pair(int truth, int predicted, string truthName, string predictedName)
    {
        if (truth == 0) throw new ArgumentException("Inputs must not be empty.", truthName);
        if (predicted != truth) throw new ArgumentException($"Length {predicted} differs from length {truth} of {truthName}.", predictedName);
    }
}

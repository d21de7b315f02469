namespace OptSuite.Objectives.Multiclass;

internal static class MulticlassChecks
{
    public static void Label(int label, int classCount)
    {
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "There must be at least one class.");
        if ((uint)label >= (uint)classCount)
            throw new ArgumentException($"Class label must lie in [0, {classCount}), got {label}.", nameof(label));
    }

    public static void Gradient(int scores, int gradient)
    {
        if (scores != gradient) throw new ArgumentException($"Gradient length {gradient} differs from scores length {scores}.", nameof(gradient));
    }
}

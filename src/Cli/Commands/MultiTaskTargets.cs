namespace OptSuite.Cli.Commands;

/// <summary>
/// Multi-output targets for <c>fit --model multitask-lasso</c> from label sets: one task per distinct label value
/// (sorted), target 1 where the row carries that label and 0 elsewhere (a single-label multiclass file or shard dataset
/// gives the one-hot coding, a multi-label file "1,3,7" its indicator matrix).
/// </summary>
internal static class MultiTaskTargets
{
    public static double[] Tasks(CliData d)
    {
        var set = new SortedSet<double>();
        for (int i = 0; i < d.Rows; i++)
            foreach (double label in d.LabelsOf(i)) set.Add(label);
        if (set.Count == 0) throw new UsageException("The data have no labels, so there are no tasks for multitask-lasso.");
        return [.. set];
    }

    public static double[,] Indicators(CliData d, double[] tasks)
    {
        var y = new double[d.Rows, tasks.Length];
        for (int i = 0; i < d.Rows; i++)
            foreach (double label in d.LabelsOf(i))
            {
                int t = Array.BinarySearch(tasks, label);
                if (t >= 0) y[i, t] = 1;   // a test label unseen in training belongs to no task
            }
        return y;
    }
}

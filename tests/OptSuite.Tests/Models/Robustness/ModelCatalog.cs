using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Tests.Models.Robustness;

/// <summary>
/// Every estimator in every configuration that changes the problem class (loss, penalty, intercept, binary or
/// multiclass), each with every solver that accepts it (found by asking: a solver that cannot handle the problem is an
/// <see cref="UnsupportedSolverException"/>), plus the small real data the checks perturb.
/// </summary>
public static class ModelCatalog
{
    /// <summary>The configurations (before solver expansion).</summary>
    public static IReadOnlyList<(string Name, Func<LinearEstimator> Create)> Configurations { get; } =
    [
        ("ridge", () => new Ridge { Lambda = 0.01 }),
        ("ridge-no-intercept", () => new Ridge { Lambda = 0.01, FitIntercept = false }),
        ("lasso", () => new Lasso { Lambda = 0.01 }),
        ("elastic-net", () => new ElasticNet { Lambda = 0.01, L1Ratio = 0.5 }),
        ("group-lasso", () => new GroupLasso { Lambda = 0.01, GroupSize = 2 }),
        ("multitask-lasso", () => new MultiTaskLasso { Lambda = 0.01 }),
        ("huber", () => new HuberRegressor { Delta = 0.5, Lambda = 0.01 }),
        ("huber-l1", () => new HuberRegressor { Penalty = Penalty.L1, Lambda = 0.01 }),
        ("poisson", () => new PoissonRegressor { Lambda = 0.01 }),
        ("poisson-enet", () => new PoissonRegressor { Penalty = Penalty.ElasticNet, Lambda = 0.01 }),
        ("quantile", () => new QuantileRegressor { Lambda = 0.01 }),
        ("quantile-unpenalised-no-intercept", () => new QuantileRegressor { Lambda = 0, Quantile = 0.9, FitIntercept = false }),
        ("quantile-l2", () => new QuantileRegressor { Penalty = Penalty.L2, Quantile = 0.25, Lambda = 0.01 }),
        ("quantile-enet", () => new QuantileRegressor { Penalty = Penalty.ElasticNet, L1Ratio = 0.5, Quantile = 0.7, Lambda = 0.01 }),
        ("logistic", () => new LogisticRegression { Lambda = 0.01 }),
        ("logistic-no-intercept", () => new LogisticRegression { Lambda = 0.01, FitIntercept = false }),
        ("logistic-l1", () => new LogisticRegression { Penalty = Penalty.L1, Lambda = 0.01 }),
        ("multinomial", () => new LogisticRegression { Lambda = 0.01, Multinomial = true }),
        ("multinomial-l1", () => new LogisticRegression { Multinomial = true, Penalty = Penalty.L1, Lambda = 0.01 }),
        ("svm-squared-hinge", () => new LinearSvm { Lambda = 0.01 }),
        ("svm-hinge-no-intercept", () => new LinearSvm { Lambda = 0.01, Loss = SvmLoss.Hinge, FitIntercept = false }),
        ("svm-l1", () => new LinearSvm { Penalty = Penalty.L1, Lambda = 0.01 }),
        ("crammer-singer", () => new MulticlassSvm { Lambda = 0.01, FitIntercept = false }),
        ("crammer-singer-bias", () => new MulticlassSvm { Lambda = 0.01, InterceptScaling = 1 }),
        ("svm-hinge-bias", () => new LinearSvm { Lambda = 0.01, Loss = SvmLoss.Hinge, InterceptScaling = 1 }),
        ("svm-one-vs-rest", () => new MulticlassSvm { Lambda = 0.01, Strategy = MulticlassStrategy.OneVsRest }),
    ];

    /// <summary>Every configuration with every solver it accepts (Auto first).</summary>
    public static IReadOnlyList<ModelCase> Cases => s_cases.Value;

    private static readonly Lazy<List<ModelCase>> s_cases = new(Expand);

    /// <summary>The cases as xUnit theory data.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases) data.Add(c.ToString());
        return data;
    }

    /// <summary>The case with this name.</summary>
    public static ModelCase Get(string name) => Cases.Single(c => c.ToString() == name);

    private static readonly Lazy<(double[,] X, double[] Y, double[] Classes)> Data = new(() =>
    {
        // 60 rows of Statlog heart (13 features scaled to [-1, 1], labels ±1) and Iris's three classes on its 4 features:
        // small real data, so a fit is milliseconds and every check can run for every solver.
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        var iris = SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm"));
        var h = heart.Features.ToDense();
        var x = new double[60, 13];
        var y = new double[60];
        var classes = new double[60];
        for (int i = 0; i < 60; i++)
        {
            for (int j = 0; j < 13; j++) x[i, j] = h[i, j];
            y[i] = heart.Labels[i];
            classes[i] = iris.Labels[(i * 5 + i / 20) % 150];
        }
        return (x, y, classes);
    });

    /// <summary>The features (a fresh copy).</summary>
    public static double[,] X => (double[,])Data.Value.X.Clone();

    /// <summary>Labels or targets suited to the case: ±1 for binary models, 3 classes for multiclass ones, y + 1 ∈ {0, 2}
    /// counts for Poisson, ±1 as a regression target otherwise.</summary>
    public static double[] Y(ModelCase c)
    {
        var m = c.Create();
        double[] y = (double[])Data.Value.Y.Clone();
        if (m is MulticlassSvm || m is LogisticRegression { Multinomial: true }) return (double[])Data.Value.Classes.Clone();
        if (m is PoissonRegressor) for (int i = 0; i < y.Length; i++) y[i] += 1;
        return y;
    }

    /// <summary>Fits through the right overload.</summary>
    public static LinearEstimator Fit(LinearEstimator m, FeatureMatrix x, double[] y, double[]? w = null) => m switch
    {
        LinearRegressor r => r.Fit(x, y, w),
        MultiTaskLasso t => t.Fit(x, Tasks(y), w),
        LinearClassifier c => c.Fit(x, y, w),
        _ => throw new InvalidOperationException(m.GetType().Name),
    };

    /// <summary>Two targets for the multi-task lasso built from one: y itself and a second task that shares its support
    /// (0.5·y plus a row-dependent offset), so a bad value in y reaches both tasks and a length mismatch stays one.</summary>
    private static double[,] Tasks(double[] y)
    {
        var t = new double[y.Length, 2];
        for (int i = 0; i < y.Length; i++) { t[i, 0] = y[i]; t[i, 1] = 0.5 * y[i] + 0.1 * (i % 3 - 1); }
        return t;
    }

    private static List<ModelCase> Expand()
    {
        var list = new List<ModelCase>();
        foreach (var (name, create) in Configurations)
            foreach (SolverKind s in Enum.GetValues<SolverKind>())
            {
                var m = create();
                m.Solver = s;
                m.MaxIterations = 1;
                var probe = new ModelCase(name, create, s);
                try { Fit(m, X, Y(probe)); }
                catch (UnsupportedSolverException) { continue; }
                list.Add(probe);
            }
        return list;
    }
}

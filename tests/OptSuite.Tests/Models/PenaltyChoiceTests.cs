using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Tests.Models;

/// <summary>
/// Issue 14, item 13: <c>LogisticRegression { L1Ratio = 0.3 }</c> silently stayed L2 while the command line's
/// <c>--l1-ratio</c> means the elastic net. Now an L1 ratio alone selects the elastic net in C# as on the command line,
/// and an L1 ratio beside an explicit L1 or L2 penalty is refused.
/// </summary>
public class PenaltyChoiceTests
{
    private static SvmlightDataset Heart => SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));

    [Fact]
    public void AnL1RatioAloneSelectsTheElasticNet()
    {
        var d = Heart;
        var implied = new LogisticRegression { L1Ratio = 0.3, C = 0.05, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        var explicitEn = new LogisticRegression { Penalty = Penalty.ElasticNet, L1Ratio = 0.3, C = 0.05, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        var l2 = new LogisticRegression { C = 0.05, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        Assert.Equal(Penalty.ElasticNet, implied.Penalty);
        Assert.Equal(explicitEn.Report!.Objective, implied.Report!.Objective, 1e-12);
        Assert.Equal(explicitEn.Coefficients, implied.Coefficients);
        Assert.NotEqual(l2.Report!.Objective, implied.Report.Objective, 1e-6);
        Assert.True(implied.NonZeroCoefficients < d.Features.Columns, "the L1 part zeroes some coefficients");
        Assert.Equal(Penalty.L2, new LogisticRegression().Penalty);
        Assert.Equal(Penalty.L1, new QuantileRegressor().Penalty);
        Assert.Equal(Penalty.ElasticNet, new QuantileRegressor { L1Ratio = 0.5 }.Penalty);
    }

    [Fact]
    public void AnL1RatioBesideAnL1OrL2PenaltyIsAContradiction()
    {
        var d = Heart;
        foreach (var penalty in new[] { Penalty.L2, Penalty.L1 })
        {
            var estimators = new LinearEstimator[]
            {
                new LogisticRegression { Penalty = penalty, L1Ratio = 0.5 }, new LinearSvm { Penalty = penalty, L1Ratio = 0.5 },
                new HuberRegressor { Penalty = penalty, L1Ratio = 0.5 }, new PoissonRegressor { Penalty = penalty, L1Ratio = 0.5 },
                new QuantileRegressor { Penalty = penalty, L1Ratio = 0.5 },
            };
            foreach (var m in estimators)
            {
                var e = Assert.Throws<ArgumentException>(() =>
                {
                    if (m is LinearClassifier c) c.Fit(d.Features, d.Labels);
                    else ((LinearRegressor)m).Fit(d.Features, d.Labels.Select(v => v > 0 ? 2.0 : 1.0).ToArray());
                });
                Assert.Equal("L1Ratio", e.ParamName);
                Assert.Contains($"contradicts Penalty = {penalty}", e.Message);
            }
        }
        // The ratio a penalty implies is no contradiction.
        new LogisticRegression { Penalty = Penalty.L1, L1Ratio = 1 }.Fit(d.Features, d.Labels);
        new LogisticRegression { Penalty = Penalty.L2, L1Ratio = 0 }.Fit(d.Features, d.Labels);
    }

    [Fact]
    public void SavedModelsKeepThePenaltyAndReadOlderFiles()
    {
        var d = Heart;
        string path = Path.Combine(Path.GetTempPath(), $"optsuite-penalty-{Guid.NewGuid():N}.json");
        try
        {
            new LogisticRegression { L1Ratio = 0.3 }.Fit(d.Features, d.Labels).Save(path);
            var loaded = LinearEstimator.Load<LogisticRegression>(path);
            Assert.Equal(Penalty.ElasticNet, loaded.Penalty);
            Assert.Equal(0.3, loaded.L1Ratio);

            new LogisticRegression().Fit(d.Features, d.Labels).Save(path);
            // Files written before this change carry l1_ratio 0.5 beside an L2 penalty: that is not a contradiction.
            string json = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), "\"l1_ratio\":\\s*null", "\"l1_ratio\": 0.5");
            Assert.Contains("\"l1_ratio\": 0.5", json);
            File.WriteAllText(path, json);
            var old = LinearEstimator.Load<LogisticRegression>(path);
            Assert.Equal(Penalty.L2, old.Penalty);
            Assert.Null(old.L1Ratio);
            old.Fit(d.Features, d.Labels);
        }
        finally { File.Delete(path); }
    }
}

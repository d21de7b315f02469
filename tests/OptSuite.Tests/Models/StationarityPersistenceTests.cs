using System.Text.Json;
using System.Text.RegularExpressions;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// A fit certified by stationarity instead of a duality gap (Tweedie power 3, not convex) keeps its certificate through
/// save and load as a convex fit keeps its gap; files without the key (convex fits, files of older versions) load with
/// none; <c>optsuite inspect MODEL</c> shows the saved report with it, and refuses a malformed model with exit code 2.
/// </summary>
public class StationarityPersistenceTests
{
    private static SvmlightDataset Abalone => SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));

    [Fact]
    public void SaveAndLoadKeepTheStationarity()
    {
        var d = Abalone;
        var m = new TweedieRegressor { Power = 3, Lambda = 0.01, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        double stationarity = m.Report!.Stationarity!.Value;
        Assert.Null(m.Report.DualityGap);
        string text = ModelText.Save(m);
        var loaded = ModelText.Load(text);
        Assert.Equal(stationarity, loaded.Report!.Stationarity);
        Assert.Null(loaded.Report.DualityGap);
        Assert.Equal(m.Report.ToString().Split(" in ")[0], loaded.Report.ToString().Split(" in ")[0]);

        // Older files (and convex fits) have no such key: they load with none.
        string older = Regex.Replace(text, "\"stationarity\":[^,}]+,?", "");
        Assert.DoesNotContain("stationarity", older);
        Assert.Null(ModelText.Load(older).Report!.Stationarity);
        var gamma = new GammaRegressor { Lambda = 0.01 }.Fit(d.Features, d.Labels);
        string convex = ModelText.Save(gamma);
        Assert.DoesNotContain("stationarity", convex);
        Assert.Equal(gamma.Report!.DualityGap, ModelText.Load(convex).Report!.DualityGap);
        Assert.Null(ModelText.Load(convex).Report!.Stationarity);
    }

    [Fact]
    public void InspectShowsASavedModelsCertificate()
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-stationarity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string model = Path.Combine(dir, "tweedie.json");
            var fit = CliProcess.Run("fit", "--model", "tweedie", "--power", "3", "--lambda", "0.01", "--tol", "1e-10",
                "--data", DatasetLocator.Find("regression/abalone_scale"), "--output", model, "--json");
            Assert.True(fit.Code == 0, fit.Err);
            double saved = LinearEstimator.Load(model).Report!.Stationarity!.Value;
            using (var printed = JsonDocument.Parse(fit.Out.Trim().Split('\n')[^1]))
                Assert.Equal(printed.RootElement.GetProperty("stationarity").GetDouble(), saved);

            var json = CliProcess.Run("inspect", model, "--json");
            Assert.True(json.Code == 0, json.Err);
            Assert.Equal("", json.Err);
            using (var doc = JsonDocument.Parse(json.Out))
            {
                var r = doc.RootElement;
                Assert.Equal("optsuite-model", r.GetProperty("format").GetString());
                Assert.Equal("tweedie", r.GetProperty("model").GetString());
                Assert.Equal(8, r.GetProperty("features").GetInt32());
                Assert.Equal(saved, r.GetProperty("stationarity").GetDouble());
                Assert.Equal(JsonValueKind.Null, r.GetProperty("gap").ValueKind);
                Assert.Equal("Converged", r.GetProperty("stop_reason").GetString());
            }
            var table = CliProcess.Run("inspect", model);
            Assert.Equal(0, table.Code);
            Assert.Matches(@"(?m)^stationarity: \d", table.Out);

            string bad = Path.Combine(dir, "bad.json");
            File.WriteAllText(bad, "{\"schema_version\": 2}");
            var refused = CliProcess.Run("inspect", bad);
            Assert.Equal(2, refused.Code);
            string[] lines = refused.Err.Trim().Split('\n');
            Assert.Single(lines);
            Assert.StartsWith("error:", lines[0]);
            Assert.Contains("bad.json", lines[0]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

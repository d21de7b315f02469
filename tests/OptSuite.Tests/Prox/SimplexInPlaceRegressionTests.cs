using OptSuite.Prox;

namespace OptSuite.Tests.Prox;

/// <summary>
/// Regression: Condat's promotion step once appended past the end of the buffer for short vectors projected in place
/// (e.g. [−0.365, −0.857, 0.465]), throwing IndexOutOfRangeException inside FISTA on the multiclass SVM dual.
/// </summary>
public class SimplexInPlaceRegressionTests
{
    [Fact]
    public void TheReportedVectorProjectsInPlace()
    {
        double[] v = [-0.36532876191908903, -0.8569390824329757, 0.46511713716439784];
        var expected = new double[3];
        Projections.SimplexBySorting(v, 1.0, expected);
        Projections.Simplex(v, 1.0, v);
        for (int j = 0; j < 3; j++) Assert.Equal(expected[j], v[j], 1e-15);
    }

    [Fact]
    public void ShortVectorsWithTiesAgreeWithSortingInPlace()
    {
        var rng = new Random(11);
        for (int t = 0; t < 100_000; t++)
        {
            int n = 1 + rng.Next(6);
            var v = new double[n];
            for (int j = 0; j < n; j++) v[j] = rng.Next(3) == 0 ? rng.Next(3) - 1 : rng.NextDouble() * 4 - 2;
            var inPlace = v.ToArray();
            var reference = new double[n];
            Projections.Simplex(inPlace, 1.0, inPlace);
            Projections.SimplexBySorting(v, 1.0, reference);
            for (int j = 0; j < n; j++) Assert.Equal(reference[j], inPlace[j], 1e-12);
        }
    }
}

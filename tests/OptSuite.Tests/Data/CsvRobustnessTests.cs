using System.Text;
using OptSuite.Data;

namespace OptSuite.Tests.Data;

public class CsvRobustnessTests
{
    [Fact]
    public void RandomCorruptionOnlyEverGivesDataFormatExceptions()
    {
        const string valid = "a,b,c\n1,2.5,-3\n4e1,5,6\n\"7\",8,9\n";
        var rng = new Random(5);
        const string alphabet = "0123456789,;\t \"\n.-eNA?#x";
        for (int trial = 0; trial < 3000; trial++)
        {
            var b = new StringBuilder(valid);
            for (int k = rng.Next(1, 4); k > 0; k--) b[rng.Next(b.Length)] = alphabet[rng.Next(alphabet.Length)];
            try
            {
                var t = CsvReader.Read(new StringReader(b.ToString()), "t.csv");
                Assert.True(t.Features.AllFinite());
                Assert.Equal(t.Features.Columns, t.FeatureNames.Count);
            }
            catch (DataFormatException e)
            {
                Assert.Equal("t.csv", e.FilePath);
            }
        }
    }
}

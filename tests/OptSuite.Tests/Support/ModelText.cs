using System.Text;
using OptSuite.Models;

namespace OptSuite.Tests.Support;

/// <summary>A saved model as the text of its file, and back (the model-file tests edit the JSON between the two).</summary>
internal static class ModelText
{
    /// <summary>The model as <see cref="LinearEstimator.Save(Stream)"/> writes it.</summary>
    public static string Save(LinearEstimator m)
    {
        var s = new MemoryStream();
        m.Save(s);
        return Encoding.UTF8.GetString(s.ToArray());
    }

    /// <summary>Loads a model from its text, named m.json in errors.</summary>
    public static LinearEstimator Load(string text) => LinearEstimator.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), "m.json");
}

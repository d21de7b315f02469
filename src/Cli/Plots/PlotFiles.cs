using OptSuite.Data.IO;
using ScottPlot;

namespace OptSuite.Cli.Plots;

/// <summary>Writes a plot as PNG and SVG through <see cref="AtomicFile"/>, like every other output of the command.</summary>
internal static class PlotFiles
{
    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/> × <paramref name="height"/> into both files.</summary>
    public static void Save(Plot plot, string png, string svg, int width, int height)
    {
        using (var image = plot.GetImage(width, height))
            AtomicFile.WriteAllBytes(png, image.GetImageBytes(ImageFormat.Png));
        AtomicFile.WriteAllText(svg, plot.GetSvgXml(width, height));
    }
}

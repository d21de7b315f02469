using System.CommandLine;

namespace OptSuite.Cli.Commands;

/// <summary><c>optsuite inspect FILE</c>: rows, columns, non-zeros, density, label summary, load time.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var cmd = new Command("inspect", "Load a data file (svmlight/LIBSVM, Matrix Market, CSV; .gz/.bz2/.xz) and summarise it.");
        return cmd;
    }
}

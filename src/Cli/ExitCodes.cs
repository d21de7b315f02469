namespace OptSuite.Cli;

/// <summary>The command's exit codes (a contract scripts rely on).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
}

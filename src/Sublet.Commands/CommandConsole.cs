namespace Sublet.Commands;

/// <summary>The streams a command reads and writes, and whether a person is at the other end of them.</summary>
/// <param name="In">Standard input: passwords are read from here, never from arguments.</param>
/// <param name="Out">Results.</param>
/// <param name="Error">The one-line failure message.</param>
/// <param name="InputIsTerminal">Someone is typing: destructive commands then need <c>--yes</c>.</param>
/// <param name="OutputIsTerminal">Someone is watching: long runs show a progress bar instead of plain lines.</param>
public sealed record CommandConsole(TextReader In, TextWriter Out, TextWriter Error, bool InputIsTerminal = false, bool OutputIsTerminal = false)
{
    /// <summary>The process's own console.</summary>
    public static CommandConsole FromSystemConsole() =>
        new(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected, !Console.IsOutputRedirected);
}

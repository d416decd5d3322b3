namespace Sublet.Cli;

/// <summary>A command refused for a reason the user can fix; the message is printed as one line.</summary>
internal sealed class CliException(string message) : Exception(message);

using System.CommandLine;

namespace Sublet.Commands;

/// <summary>A command the app added beside Sublet's own.</summary>
internal sealed record AppCommand(Func<SubletCommandRunner, Command> Build);

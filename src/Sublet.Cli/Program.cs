using Sublet.Cli;
using Sublet.Commands;

return await SubletTool.RunAsync(args, CommandConsole.FromSystemConsole());

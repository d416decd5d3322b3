using Sublet.Cli;

return await CliApp.RunAsync(args, CliConsole.FromSystemConsole());

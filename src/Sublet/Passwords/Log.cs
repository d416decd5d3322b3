using Microsoft.Extensions.Logging;

namespace Sublet.Passwords;

/// <summary>Password log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "A stored password hash demands {Rounds} PBKDF2 rounds, more than Sublet:Passwords:MaxIterations ({Cap}): logins against it are refused without computing it. Give its user a new password.")]
    public static partial void HashOverCap(ILogger logger, long rounds, int cap);
}

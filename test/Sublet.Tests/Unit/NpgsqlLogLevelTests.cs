using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sublet.Tests.Unit;

/// <summary>Under the ASP.NET Core template's logging settings, Npgsql logs its warnings, not every statement.</summary>
public sealed class NpgsqlLogLevelTests
{
    [Fact]
    public void Under_Default_Information_Npgsql_logs_warnings_but_not_each_command()
    {
        using var host = Build("--Logging:LogLevel:Default=Information", "--Logging:LogLevel:Microsoft.AspNetCore=Warning");
        var npgsql = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Npgsql.Command");
        var app = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Notes.NotesApi");

        Assert.False(npgsql.IsEnabled(LogLevel.Information));
        Assert.True(npgsql.IsEnabled(LogLevel.Warning));
        Assert.True(app.IsEnabled(LogLevel.Information));
    }

    [Theory]
    [InlineData("--Logging:LogLevel:Npgsql=Information", "Npgsql.Command", LogLevel.Information)]
    [InlineData("--Logging:LogLevel:Npgsql.Command=Debug", "Npgsql.Command", LogLevel.Debug)]
    [InlineData("--Logging:Console:LogLevel:Npgsql=Debug", "Npgsql.Connection", LogLevel.Debug)]
    public void An_Npgsql_level_the_app_configures_is_kept(string setting, string category, LogLevel level)
    {
        using var host = Build("--Logging:LogLevel:Default=Information", setting);

        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level));
    }

    private static IHost Build(params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSublet();
        return builder.Build();
    }
}

namespace Sublet.Tests.EntityFramework;

/// <summary>A PostgreSQL enum the app maps through <c>ConfigureDataSource</c>.</summary>
public enum Mood
{
    Happy,
    Sad,
}

namespace Sublet.Tests.EntityFramework;

/// <summary>One row of the test app's <c>notes</c> table, made by its EF Core migrations.</summary>
public sealed class Note
{
    public int Id { get; set; }

    public required string Text { get; set; }

    public string? Tag { get; set; }
}

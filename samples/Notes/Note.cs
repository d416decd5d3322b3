namespace Notes;

/// <summary>A row of the tenant's <c>notes</c> table.</summary>
public sealed class Note
{
    public int Id { get; set; }

    public required string Author { get; set; }

    public required string Body { get; set; }
}

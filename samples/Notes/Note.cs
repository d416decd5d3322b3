namespace Notes;

public sealed record Note(int Id, string Author, string Body);

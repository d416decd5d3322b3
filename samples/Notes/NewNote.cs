namespace Notes;

public sealed record NewNote(string Body);

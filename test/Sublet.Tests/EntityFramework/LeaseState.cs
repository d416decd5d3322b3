namespace Sublet.Tests.EntityFramework;

/// <summary>A leased context as its request found it, and the notes it then read (tracked).</summary>
public sealed record LeaseState(int Instance, int TrackedBefore, string? ConnectionStringBefore, bool TransactionBefore, string[] Texts);

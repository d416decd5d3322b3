namespace Sublet.Server.Apis;

/// <summary>What <see cref="AppUsers.ImportAsync"/> did.</summary>
/// <param name="Added">Users created.</param>
/// <param name="Updated">Existing users whose hash was replaced.</param>
/// <param name="Conflict">The index of a row whose name was taken, when nothing was imported because of it.</param>
internal sealed record UserImport(int Added, int Updated, int? Conflict);

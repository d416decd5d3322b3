namespace Sublet.Users;

/// <summary>What <see cref="ITenantUserStore.ImportAsync"/> did.</summary>
/// <param name="Added">Users created.</param>
/// <param name="Updated">Existing users whose hash was replaced.</param>
/// <param name="Conflict">The index of a row whose name was taken, when nothing was imported because of it.</param>
public sealed record TenantUserImport(int Added, int Updated, int? Conflict);

namespace Sublet.Users;

/// <summary>A tenant's user as its store keeps it.</summary>
/// <param name="Username">The login name.</param>
/// <param name="PasswordHash">The stored hash, in a format <see cref="Passwords.IPasswordHasher"/> verifies.</param>
public sealed record TenantUser(string Username, string PasswordHash);

using Sublet.Core;
using Sublet.Data;

namespace Sublet.Users;

/// <summary>
/// The users of one tenant: the login endpoints, the admin API and the <c>users</c> commands all go through it. The
/// default keeps them in a table of the tenant's schema named by <see cref="TenantUserOptions"/>; an app with users
/// of another shape registers its own implementation before <c>AddSublet</c>. Passwords arrive hashed
/// (<see cref="Passwords.IPasswordHasher"/>): a store never sees one in clear.
/// </summary>
public interface ITenantUserStore
{
    /// <summary>The user with this login name, with the stored password hash; null when there is none.</summary>
    Task<TenantUser?> FindAsync(Tenant tenant, string username, CancellationToken cancellationToken = default);

    /// <summary>Adds a user; false when the name is taken.</summary>
    Task<bool> AddAsync(Tenant tenant, string username, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Adds a user inside the caller's tenant transaction (e.g. a new tenant's first user); false when the name is taken.</summary>
    Task<bool> AddAsync(TenantConnection connection, string username, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Sets a user's password and ends the user's sessions: whoever knew the old one is logged out. False when there is no such user.</summary>
    Task<bool> SetPasswordAsync(Tenant tenant, string username, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Stores a stronger hash of the same password, at login; the user's sessions stay. False when there is no such user.</summary>
    Task<bool> UpgradePasswordHashAsync(Tenant tenant, string username, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Removes a user and ends the user's sessions; false when there is no such user.</summary>
    Task<bool> RemoveAsync(Tenant tenant, string username, CancellationToken cancellationToken = default);

    /// <summary>The tenant's login names, in order.</summary>
    Task<IReadOnlyList<string>> ListAsync(Tenant tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds users with the password hashes they already have, in one transaction: all or none. A name that is taken
    /// is replaced when <paramref name="update"/> is set (and that user's sessions end); otherwise nothing is
    /// imported and the row's index is returned as <see cref="TenantUserImport.Conflict"/>.
    /// </summary>
    Task<TenantUserImport> ImportAsync(Tenant tenant, IReadOnlyList<TenantUser> users, bool update, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of <paramref name="username"/>, or of every user of the tenant when it is null.</summary>
    /// <returns>The number of sessions ended.</returns>
    Task<int> LogOutEverywhereAsync(Tenant tenant, string? username, CancellationToken cancellationToken = default);
}

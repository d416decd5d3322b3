using System.Security.Cryptography;
using System.Text;

namespace Sublet.Migrations;

/// <summary>One versioned SQL file, <c>NNNN_name.sql</c>.</summary>
/// <param name="Version">The number in the file name; migrations apply in this order.</param>
/// <param name="Name">The file name without extension.</param>
/// <param name="Sql">The script.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script with line endings normalised: an applied file must never change.</summary>
    /// <remarks>Computed from <see cref="Sql"/> each time, so a copy made with <c>with { Sql = ... }</c> cannot keep a stale value.</remarks>
    public string Checksum =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

using System.ComponentModel.DataAnnotations;

namespace Sublet.Core;

/// <summary>How password hashes are made and checked, bound from <c>Sublet:Passwords</c>.</summary>
public sealed class PasswordOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:Passwords";

    /// <summary>The lowest round count accepted in configuration.</summary>
    public const int MinimumIterations = 1_000;

    /// <summary>The most rounds any stored hash may name; a hash naming more is not a hash Sublet reads.</summary>
    public const int HighestIterations = 10_000_000;

    /// <summary>PBKDF2-SHA256 rounds for new hashes; OWASP (2023) asks for at least 600,000.</summary>
    [Range(MinimumIterations, int.MaxValue)]
    public int Iterations { get; set; } = 600_000;

    /// <summary>
    /// The most rounds a stored hash may demand; a hash over it is refused, never computed. 0 means four times
    /// <see cref="Iterations"/>, at least 1,000,000 (Django 5.2's own count).
    /// </summary>
    public int MaxIterations { get; set; }

    /// <summary>Hashes computed at once, server-wide; 0 means one fewer than the processor count, at least one.</summary>
    [Range(0, int.MaxValue)]
    public int ConcurrentHashes { get; set; }

    /// <summary>Logins waiting for a hashing slot; beyond these a login answers 503 with <c>Retry-After</c>.</summary>
    [Range(0, int.MaxValue)]
    public int QueuedHashes { get; set; } = 8;

    /// <summary><see cref="ConcurrentHashes"/>, with 0 resolved against this machine.</summary>
    public int EffectiveConcurrentHashes => ConcurrentHashes > 0 ? ConcurrentHashes : Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary><see cref="MaxIterations"/>, with 0 resolved against <see cref="Iterations"/>.</summary>
    public int EffectiveMaxIterations => MaxIterations > 0 ? MaxIterations : (int)Math.Min(HighestIterations, Math.Max(4L * Iterations, 1_000_000));
}

using Microsoft.Extensions.Options;

namespace Sublet.Core;

/// <summary>Refuses too few rounds and negative hashing slots (the checks are generated from the attributes).</summary>
[OptionsValidator]
internal sealed partial class PasswordOptionsValidator : IValidateOptions<PasswordOptions>;

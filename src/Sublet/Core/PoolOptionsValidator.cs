using Microsoft.Extensions.Options;

namespace Sublet.Core;

/// <summary>Refuses fewer than one pool partition (the checks are generated from the attributes).</summary>
[OptionsValidator]
internal sealed partial class PoolOptionsValidator : IValidateOptions<PoolOptions>;

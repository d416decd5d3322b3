using Microsoft.Extensions.Options;

namespace Sublet.Core;

/// <summary>Refuses negative request limits and a body timeout that is not positive (the checks are generated from the attributes).</summary>
[OptionsValidator]
internal sealed partial class LimitOptionsValidator : IValidateOptions<LimitOptions>;

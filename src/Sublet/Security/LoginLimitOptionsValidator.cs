using Microsoft.Extensions.Options;

namespace Sublet.Security;

/// <summary>Refuses limits that would lock everyone out or never reset (the checks are generated from the attributes).</summary>
[OptionsValidator]
internal sealed partial class LoginLimitOptionsValidator : IValidateOptions<LoginLimitOptions>;

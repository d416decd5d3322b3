using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sublet.Tests.EntityFramework;

/// <summary>Context options every EF test uses.</summary>
public static class EfTestOptions
{
    /// <summary>EF Core's warning that a model or provider is being built again and again (e.g. per tenant) fails the test.</summary>
    public static void FailOnManyServiceProviders(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Throw(CoreEventId.ManyServiceProvidersCreatedWarning));
}

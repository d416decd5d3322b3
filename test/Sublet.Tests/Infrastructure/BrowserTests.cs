namespace Sublet.Tests.Infrastructure;

/// <summary>The browser tests share one Chromium and run one class at a time: a browser is heavy on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

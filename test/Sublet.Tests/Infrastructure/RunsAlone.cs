namespace Sublet.Tests.Infrastructure;

/// <summary>Tests that measure time or load run after the others, with nothing beside them.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

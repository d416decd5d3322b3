using Sublet.Core;

namespace Sublet.Tests.Unit;

public sealed class TenantSlugTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("company1")]
    [InlineData("acme-corp")]
    [InlineData("1st")]
    [InlineData("xn--80ak6aa92e")]
    public void Dns_labels_are_valid_slugs(string text)
    {
        Assert.True(TenantSlug.TryParse(text, out var slug));
        Assert.Equal(text, slug.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("Company1")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("ümlaut")]
    [InlineData("a\0")]
    [InlineData("x;drop schema public")]
    [InlineData("\"quoted\"")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(TenantSlug.TryParse(text, out _));
    }

    [Fact]
    public void Slugs_are_at_most_63_characters()
    {
        Assert.True(TenantSlug.TryParse(new string('a', 63), out _));
        Assert.False(TenantSlug.TryParse(new string('a', 64), out _));
    }

    [Theory]
    [InlineData("company1", "company1")]
    [InlineData("acme-corp", "acme_corp")]
    [InlineData("pg-catalog", "t_pg_catalog")]
    public void Schema_names_are_derived_safely(string slug, string schema)
    {
        Assert.Equal(schema, SchemaNames.FromSlug(TenantSlug.Parse(slug)));
    }

    [Theory]
    [InlineData("company1", "\"company1\"")]
    [InlineData("we\"ird", "\"we\"\"ird\"")]
    public void Identifiers_are_quoted_with_inner_quotes_doubled(string name, string quoted)
    {
        Assert.Equal(quoted, SqlIdentifier.Quote(name));
    }
}

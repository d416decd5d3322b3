using Sublet.Migrations;

namespace Sublet.Tests.Unit;

public sealed class TransactionControlTests
{
    [Theory]
    [InlineData("START TRANSACTION;\nCREATE TABLE notes (id int);\nCOMMIT;", 1, "START TRANSACTION")]
    [InlineData("CREATE TABLE notes (id int);\ncommit;", 2, "COMMIT")]
    [InlineData("BEGIN;\nCREATE TABLE notes (id int);", 1, "BEGIN")]
    [InlineData("CREATE TABLE a (id int);\n\n  rollback work;", 3, "ROLLBACK")]
    [InlineData("CREATE TABLE a (id int);\nEND;", 2, "END")]
    [InlineData("CREATE TABLE a (id int); ABORT;", 1, "ABORT")]
    [InlineData("-- a comment with ; in it\n/* and a\n block */ COMMIT", 3, "COMMIT")]
    [InlineData("SELECT 'it''s; here';\nPREPARE TRANSACTION 'x';", 2, "PREPARE TRANSACTION")]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\nCOMMIT;", 2, "COMMIT")]
    public void A_statement_that_starts_or_ends_a_transaction_is_found_with_its_line(string sql, int line, string statement)
    {
        Assert.Equal((line, statement), TransactionControl.Find(sql));
    }

    [Theory]
    [InlineData("DO $$ BEGIN PERFORM 1; END $$;")]
    [InlineData("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $body$\nBEGIN\n  COMMIT;\nEND;\n$body$;")]
    [InlineData("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS 'BEGIN\n RETURN; END;';")]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;")]
    [InlineData("SELECT CASE WHEN true THEN 1 END;")]
    [InlineData("INSERT INTO t VALUES (E'\\'; COMMIT; --');")]
    [InlineData("CREATE TABLE \"begin\" (\"commit\" int);\n-- COMMIT;\n/* BEGIN; /* nested */ COMMIT; */")]
    [InlineData("SAVEPOINT a; ROLLBACK TO SAVEPOINT a; RELEASE SAVEPOINT a;")]
    [InlineData("CREATE TABLE committed_at (begin_time timestamptz, end_time timestamptz);")]
    public void Transaction_words_in_bodies_strings_identifiers_and_comments_are_not_statements(string sql)
    {
        Assert.Null(TransactionControl.Find(sql));
    }

    [Fact]
    public void A_set_with_a_migration_that_commits_is_refused_naming_the_file_and_line()
    {
        var refused = Assert.Throws<MigrationException>(() => new MigrationSet(
        [
            new Migration(1, "0001_notes", "CREATE TABLE notes (id int);"),
            new Migration(2, "0002_ef_script", "START TRANSACTION;\nALTER TABLE notes ADD COLUMN body text;\nCOMMIT;"),
        ]));

        Assert.StartsWith("Migration 0002_ef_script.sql, line 1: START TRANSACTION controls the transaction", refused.Message, StringComparison.Ordinal);
    }
}

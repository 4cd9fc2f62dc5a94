@testable import DatabaseMigrations
import Testing

@Suite("SQL statement splitting")
struct SQLStatementsTests {
    @Test func splitsAtTopLevelSemicolonsOnly() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE t (a text DEFAULT 'x;y', "b;c" int); /* block; comment */
            INSERT INTO t VALUES ('it''s; fine');
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
            ;
            """
        #expect(SQLStatements.split(script) == [
            "CREATE TABLE t (a text DEFAULT 'x;y', \"b;c\" int)",
            "INSERT INTO t VALUES ('it''s; fine')",
            "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
        ])
    }

    @Test func aScriptOfOnlyCommentsHasNoStatements() {
        #expect(SQLStatements.split("-- nothing\n/* here */\n").isEmpty)
    }
}

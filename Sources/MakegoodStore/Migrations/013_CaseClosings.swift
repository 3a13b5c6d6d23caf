import SQLKit

extension Migration {
    /// The SRP's closed cases, counted ahead (issue 21's SRP regression, docs/scaling.md): `case_closings` holds, per
    /// instance, group, alert instant, resolution and whole hours from the alert to closing, how many cases closed
    /// so. An alert gives all of its cases one instant, so a period of alerts is a range of rows, far fewer than
    /// its cases. Triggers keep it, so every writer (closing, reopening, a reassignment or fix moving the group, a
    /// duplicate) keeps it current without knowing of it. No group and no resolution are stored as '', and a
    /// closed case without its closing instant (the domain always sets one) as closed at its alert, never failing the write.
    static let countCaseClosings = Migration(version: 13, name: "closed cases counted by alert") { sql, kind in
        let key = "instance_id, support_group_code, alerted_at, resolution, hours"
        // On SQLite the table is its key's b-tree, so a range of it is read without a lookup of each row.
        let clustered = kind == .sqlite ? " WITHOUT ROWID" : ""
        var statements: [SQLQueryString] = [
            """
            CREATE TABLE case_closings (
                instance_id TEXT NOT NULL REFERENCES instances(id),
                support_group_code TEXT NOT NULL,
                alerted_at BIGINT NOT NULL,
                resolution TEXT NOT NULL,
                hours BIGINT NOT NULL,
                cases BIGINT NOT NULL,
                PRIMARY KEY (\(unsafeRaw: key)))\(unsafeRaw: clustered)
            """,
        ]
        // Only these columns move a closed case from one row to another; an owner's change or an escalation does not.
        let moving = "state, resolution, closed_at, alerted_at, support_group_code, instance_id"
        switch kind {
        case .sqlite:
            func count(_ row: String) -> String {
                """
                INSERT INTO case_closings (\(key), cases) VALUES (\(row).instance_id, COALESCE(\(row).support_group_code, ''),
                    \(row).alerted_at, COALESCE(\(row).resolution, ''), (COALESCE(\(row).closed_at, \(row).alerted_at) - \(row).alerted_at) / 3600000, 1)
                ON CONFLICT (\(key)) DO UPDATE SET cases = cases + 1;
                """
            }
            func uncount(_ row: String) -> String {
                let match = """
                    instance_id = \(row).instance_id AND support_group_code = COALESCE(\(row).support_group_code, '')
                        AND alerted_at = \(row).alerted_at AND resolution = COALESCE(\(row).resolution, '')
                        AND hours = (COALESCE(\(row).closed_at, \(row).alerted_at) - \(row).alerted_at) / 3600000
                    """
                return "UPDATE case_closings SET cases = cases - 1 WHERE \(match); DELETE FROM case_closings WHERE \(match) AND cases <= 0;"
            }
            // Whichever of an update's two triggers runs first, the old row ends uncounted and the new one counted.
            statements += [
                "CREATE TRIGGER case_closings_insert AFTER INSERT ON recovery_cases WHEN NEW.state = 'closed' BEGIN \(unsafeRaw: count("NEW")) END",
                """
                CREATE TRIGGER case_closings_update_new AFTER UPDATE OF \(unsafeRaw: moving) ON recovery_cases
                WHEN NEW.state = 'closed' BEGIN \(unsafeRaw: count("NEW")) END
                """,
                """
                CREATE TRIGGER case_closings_update_old AFTER UPDATE OF \(unsafeRaw: moving) ON recovery_cases
                WHEN OLD.state = 'closed' BEGIN \(unsafeRaw: uncount("OLD")) END
                """,
                "CREATE TRIGGER case_closings_delete AFTER DELETE ON recovery_cases WHEN OLD.state = 'closed' BEGIN \(unsafeRaw: uncount("OLD")) END",
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION count_case_closings() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'closed' THEN
                        UPDATE case_closings SET cases = cases - 1
                        WHERE instance_id = OLD.instance_id AND support_group_code = COALESCE(OLD.support_group_code, '')
                            AND alerted_at = OLD.alerted_at AND resolution = COALESCE(OLD.resolution, '')
                            AND hours = (COALESCE(OLD.closed_at, OLD.alerted_at) - OLD.alerted_at) / 3600000;
                        DELETE FROM case_closings
                        WHERE instance_id = OLD.instance_id AND support_group_code = COALESCE(OLD.support_group_code, '')
                            AND alerted_at = OLD.alerted_at AND resolution = COALESCE(OLD.resolution, '')
                            AND hours = (COALESCE(OLD.closed_at, OLD.alerted_at) - OLD.alerted_at) / 3600000 AND cases <= 0;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = 'closed' THEN
                        INSERT INTO case_closings (\(unsafeRaw: key), cases)
                        VALUES (NEW.instance_id, COALESCE(NEW.support_group_code, ''), NEW.alerted_at,
                            COALESCE(NEW.resolution, ''), (COALESCE(NEW.closed_at, NEW.alerted_at) - NEW.alerted_at) / 3600000, 1)
                        ON CONFLICT (\(unsafeRaw: key)) DO UPDATE SET cases = case_closings.cases + 1;
                    END IF;
                    RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER case_closings_insert AFTER INSERT ON recovery_cases
                FOR EACH ROW WHEN (NEW.state = 'closed') EXECUTE FUNCTION count_case_closings()
                """,
                """
                CREATE TRIGGER case_closings_update AFTER UPDATE OF \(unsafeRaw: moving) ON recovery_cases
                FOR EACH ROW WHEN (OLD.state = 'closed' OR NEW.state = 'closed') EXECUTE FUNCTION count_case_closings()
                """,
                """
                CREATE TRIGGER case_closings_delete AFTER DELETE ON recovery_cases
                FOR EACH ROW WHEN (OLD.state = 'closed') EXECUTE FUNCTION count_case_closings()
                """,
            ]
        }
        // Counted after the triggers exist: on PostgreSQL creating them locks out other writers to recovery_cases
        // until this migration commits, so no node still running the old version can change a case in between.
        statements.append(
            """
            INSERT INTO case_closings (\(unsafeRaw: key), cases)
            SELECT instance_id, COALESCE(support_group_code, ''), alerted_at, COALESCE(resolution, ''),
                (COALESCE(closed_at, alerted_at) - alerted_at) / 3600000, COUNT(*)
            FROM recovery_cases WHERE state = 'closed'
            GROUP BY instance_id, COALESCE(support_group_code, ''), alerted_at, COALESCE(resolution, ''),
                (COALESCE(closed_at, alerted_at) - alerted_at) / 3600000
            """
        )
        for statement in statements {
            try await sql.raw(statement).run()
        }
    }
}

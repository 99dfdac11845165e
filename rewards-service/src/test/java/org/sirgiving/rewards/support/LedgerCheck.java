package org.sirgiving.rewards.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The ledger check, run after every test against the test application's database (plain JDBC, outside the service):
 * for every pool, balance = sum of its ledger entries = totalAllocated − totalDistributed, and what it distributed
 * equals what its users' REWARD and REVERSAL transactions hold; every user's tokens are ≥ 0; every reward's tokens
 * equal its REWARD transactions; no campaign spent more than its budget.
 */
public final class LedgerCheck {

    public static void assertAllLedgersConsistent() {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getValue("quarkus.datasource.password", String.class);
        List<String> broken = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            collect(
                    s,
                    "SELECT p.id, p.balance, COALESCE(SUM(e.amount), 0), p.total_allocated - p.total_distributed "
                            + "FROM token_pools p LEFT JOIN ledger_entries e ON e.pool_id = p.id GROUP BY p.id "
                            + "HAVING p.balance <> COALESCE(SUM(e.amount), 0) OR p.balance <> p.total_allocated - p.total_distributed "
                            + "OR p.balance < 0",
                    "pool balance / ledger sum / allocated − distributed differ",
                    broken);
            collect(
                    s,
                    "SELECT p.id, p.total_distributed, COALESCE((SELECT SUM(t.tokens) FROM transactions t "
                            + "WHERE t.partner_id = p.partner_id AND t.environment = p.environment AND t.type IN ('REWARD', 'REVERSAL')), 0) "
                            + "FROM token_pools p WHERE p.total_distributed <> COALESCE((SELECT SUM(t.tokens) FROM transactions t "
                            + "WHERE t.partner_id = p.partner_id AND t.environment = p.environment AND t.type IN ('REWARD', 'REVERSAL')), 0)",
                    "pool's totalDistributed differs from its users' REWARD + REVERSAL transactions",
                    broken);
            collect(
                    s,
                    "SELECT user_id, SUM(tokens) FROM transactions GROUP BY user_id HAVING SUM(tokens) < 0",
                    "user with negative tokens",
                    broken);
            collect(
                    s,
                    "SELECT r.action_id, r.tokens, COALESCE(SUM(t.tokens), 0) FROM rewards r LEFT JOIN transactions t "
                            + "ON t.action_id = r.action_id AND t.type = 'REWARD' GROUP BY r.action_id, r.tokens "
                            + "HAVING r.tokens <> COALESCE(SUM(t.tokens), 0)",
                    "reward tokens differ from its REWARD transactions",
                    broken);
            collect(
                    s,
                    "SELECT id, budget, tokens_spent FROM campaigns WHERE tokens_spent < 0 OR tokens_spent > budget",
                    "campaign over budget",
                    broken);
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger check could not read the database", e);
        }
        assertEquals(List.of(), broken, "Ledger check");
    }

    private static void collect(Statement s, String sql, String what, List<String> broken) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder(what).append(':');
                for (int i = 1; i <= n; i++) {
                    row.append(' ').append(rs.getString(i));
                }
                broken.add(row.toString());
            }
        }
    }

    private LedgerCheck() {}
}

package dev.portcullis.benchmarks.load;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real PostgreSQL for the device-sync load run (benchmarks/load/device-sync.sh), from Maven
 * Central's binaries as the tests start it: {@code start PORT DIR [synchronous_commit]} writes its
 * JDBC URL to {@code DIR/jdbc-url.txt} and runs until this process is stopped. The library turns
 * {@code synchronous_commit} off for tests; a server in production keeps PostgreSQL's default,
 * {@code on} (every commit waits for its WAL flush), so that is the default here.
 * {@code waits JDBC_URL SECONDS}: what the server's sessions were doing, sampled every 20 ms
 * ({@code pg_stat_activity}), to show where writers wait. {@code fill JDBC_URL DEVICES}: devices
 * d-1.. copied in SQL from d-0 as the control plane stored it, so a large inventory takes seconds,
 * not the hour the API would (creation through the API is measured on its own).
 */
public final class BenchPostgres {

    private BenchPostgres() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("start")) {
            start(Integer.parseInt(args[1]), Path.of(args[2]), args.length > 3 ? args[3] : "on");
        } else if (args[0].equals("waits")) {
            waits(args[1], Integer.parseInt(args[2]));
        } else if (args[0].equals("fill")) {
            fill(args[1], Integer.parseInt(args[2]));
        } else {
            throw new IllegalArgumentException("usage: start PORT DIR [synchronous_commit] | waits JDBC_URL SECONDS"
                    + " | fill JDBC_URL DEVICES");
        }
    }

    private static void start(int port, Path dir, String synchronousCommit) throws Exception {
        Files.createDirectories(dir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(true).setServerConfig("synchronous_commit", synchronousCommit).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            }
        }));
        String url = postgres.getJdbcUrl("postgres", "postgres");
        Files.writeString(dir.resolve("jdbc-url.txt"), url);
        System.out.println("PostgreSQL ready: " + url);
        Thread.currentThread().join();
    }

    private static void fill(String url, int devices) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            String json;
            String displayName;
            try (ResultSet template = statement.executeQuery(
                    "select json, display_name from portcullis_document where kind = 'DEVICE' and id = 'd-0'")) {
                if (!template.next()) {
                    throw new IllegalStateException("d-0 is missing: create it through the API first");
                }
                json = template.getString(1);
                displayName = template.getString(2);
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into portcullis_document"
                    + " (kind, id, display_name, json, version, modified_at)"
                    + " select kind, ?, ?, ?, version, modified_at from portcullis_document where kind = 'DEVICE' and id = 'd-0'")) {
                for (int n = 1; n < devices; n++) {
                    insert.setString(1, "d-" + n);
                    insert.setString(2, displayName.replace("Laptop 0", "Laptop " + n));
                    insert.setString(3, json.replace("\"d-0\"", "\"d-" + n + "\"").replace("Laptop 0", "Laptop " + n)
                            .replace("\"u-0\"", "\"u-" + n % 5000 + "\""));
                    insert.addBatch();
                    if (n % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            // A new snapshot version, as a change through the API would have made.
            statement.executeUpdate("update portcullis_snapshot_version set version = version + 1");
            connection.commit();
            // An inventory grown over months has its statistics; one copied in a second would be planned
            // as the empty table it was until autovacuum's next look.
            connection.setAutoCommit(true);
            statement.execute("analyze portcullis_document");
        }
        System.out.println("filled d-1..d-" + (devices - 1) + " from d-0");
    }

    /** Counts of (state, wait event, statement) over the other sessions, most frequent first. */
    private static void waits(String url, int seconds) throws Exception {
        Map<String, Integer> seen = new TreeMap<>();
        int samples = 0;
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                samples++;
                try (ResultSet rows = statement.executeQuery("select state, coalesce(wait_event_type || ':' || wait_event, 'on CPU'),"
                        + " left(regexp_replace(query, '\\s+', ' ', 'g'), 70) from pg_stat_activity"
                        + " where backend_type = 'client backend' and pid <> pg_backend_pid() and state <> 'idle'")) {
                    while (rows.next()) {
                        seen.merge(rows.getString(1) + " | " + rows.getString(2) + " | " + rows.getString(3), 1, Integer::sum);
                    }
                }
                Thread.sleep(20);
            }
        }
        int taken = samples;
        System.out.printf("%d samples; sessions not idle, on average per sample:%n", taken);
        seen.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("%6.2f  %s%n", e.getValue() / (double) taken, e.getKey()));
    }
}

package kg.neo4jlocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Starts an embedded Neo4j Community 5.26 DBMS with a Bolt connector, for local
 * development, tests and CI. Started and stopped by scripts/neo4j/up.sh and
 * scripts/neo4j/down.sh; it runs until it gets SIGTERM/SIGINT, then shuts the
 * DBMS down cleanly from a shutdown hook.
 *
 * <p>Environment:
 * <ul>
 *   <li>NEO4J_HOME_DIR: the DBMS home (data/ and logs/ go under it); default ".neo4j"</li>
 *   <li>NEO4J_BOLT_HOST: default 127.0.0.1</li>
 *   <li>NEO4J_BOLT_PORT: default 7687</li>
 *   <li>NEO4J_PASSWORD: initial password of user neo4j; default "kg-local-dev".
 *       Applied while neo4j still has its factory password (first start on a fresh
 *       data dir), or on every start when NEO4J_RESET_PASSWORD=1.</li>
 *   <li>NEO4J_PAGECACHE: page cache size in MiB; default 256</li>
 *   <li>NEO4J_READY_FILE: written once the DBMS is up and the password is set</li>
 * </ul>
 */
public final class Launcher {
    private static final String USER = "neo4j";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(env("NEO4J_HOME_DIR", ".neo4j")).toAbsolutePath().normalize();
        String host = env("NEO4J_BOLT_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        String password = env("NEO4J_PASSWORD", "kg-local-dev");
        boolean resetPassword = "1".equals(System.getenv("NEO4J_RESET_PASSWORD"));
        long pageCacheMiB = Long.parseLong(env("NEO4J_PAGECACHE", "256"));
        String readyFile = System.getenv("NEO4J_READY_FILE");

        if (password.length() < 8) {
            fail("NEO4J_PASSWORD must be at least 8 characters (Neo4j's minimum password length)");
        }
        Files.createDirectories(home);
        if (readyFile != null) {
            Files.deleteIfExists(Paths.get(readyFile));
        }

        Instant start = Instant.now();
        log("starting Neo4j Community (embedded) home=" + home + " bolt=" + host + ":" + port);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(512))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Dev-sized transaction logs: no 256 MiB preallocation per database, smaller
                // files, and at most ~256 MiB of old logs kept per database.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "256M size")
                // The databases are checkpointed and closed before Bolt stops; these two waits
                // (5 s each by default) only delay process exit, so keep `down` quick.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutdown requested; stopping the DBMS");
            try {
                if (readyFile != null) {
                    Files.deleteIfExists(Paths.get(readyFile));
                }
            } catch (IOException ignored) {
                // best effort
            }
            try {
                dbms.shutdown();
                log("DBMS stopped cleanly");
            } catch (Throwable t) {
                log("error during shutdown: " + t);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        try {
            setInitialPassword(dbms, password, resetPassword);
        } catch (Throwable t) {
            log("could not set the password of user " + USER + ": " + t);
            System.exit(3); // runs the shutdown hook
        }

        if (readyFile != null) {
            Path ready = Paths.get(readyFile);
            Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
            Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        log("READY bolt://" + host + ":" + port + " user=" + USER + " (started in "
                + Duration.between(start, Instant.now()).toMillis() + " ms)");

        stopped.await();
    }

    /**
     * A fresh DBMS has user neo4j with the factory password "neo4j" and "password change
     * required", which a Bolt client cannot use for queries. Set the configured password on
     * the system database, as an administrator would with ALTER USER, and clear the flag.
     * Once set, later starts leave it alone (it may have been changed with ALTER CURRENT USER)
     * unless NEO4J_RESET_PASSWORD=1.
     */
    private static void setInitialPassword(DatabaseManagementService dbms, String password, boolean force) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Boolean changeRequired = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = $user RETURN passwordChangeRequired",
                Map.of("user", USER),
                result -> result.hasNext() ? (Boolean) result.next().get("passwordChangeRequired") : null);
        if (changeRequired == null) {
            system.executeTransactionally(
                    "CREATE USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
            log("created user " + USER + " with the password from NEO4J_PASSWORD");
        } else if (changeRequired || force) {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
            log("set the password of user " + USER + " from NEO4J_PASSWORD"
                    + (changeRequired ? " (first start)" : " (NEO4J_RESET_PASSWORD=1)"));
        } else {
            log("user " + USER + " already has a password; keeping it (NEO4J_RESET_PASSWORD=1 to reset)");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " [kg-neo4j] " + message);
        System.out.flush();
    }

    private static void fail(String message) {
        log("ERROR: " + message);
        System.exit(2);
    }
}

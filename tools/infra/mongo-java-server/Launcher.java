// Starts mongo-java-server (de.bwaldvogel, Maven Central) as Lianjian's local MongoDB-compatible database: the
// in-memory backend (tests, benchmarks) or the H2 MVStore backend on a file (the local run, durable across restarts).
// Its bundled main classes only listen on localhost:27017 and announce wire version 8 (MongoDB 5.0), which the Node
// driver 7 refuses (it needs 9 or more); this launcher takes the address, backend and announced version as options.
//
//   java -Xmx1g -cp 'libs/*:classes' Launcher --host 127.0.0.1 --port 27017 --backend h2 --file data.mv.db
//        [--cache-mb 256] [--wire-version 21] [--server-version 7.0.0]
//
// --cache-mb is H2's page cache (MVStore's default is 16 MB): a read whose page is not in it is read from the file
// and deserialized again, so a store of millions of documents wants a cache of a good part of the heap.
//
// SIGTERM (or Ctrl-C) closes the server: clients are disconnected, then the backend is closed, which for H2
// commits and closes the MVStore so everything acknowledged is on disk. (While running, H2 commits in the
// background about once a second: a SIGKILL loses at most that last second of writes.)
// Logging: the server logs through slf4j, bound here to java.util.logging (slf4j-jdk14), which this launcher sets to
// WARN, one line per record. mongo-java-server logs every command that fails at ERROR with the whole command and a
// stack trace, including the duplicate-key errors that are normal operation here (the event store claims positions
// and leases are taken by inserts that may collide): those are answered to the client as E11000 and not logged;
// other failed commands get one line (command cut at 1,000 characters, no stack trace); the warning that a
// non-unique index is ignored appears once per index. -Dlianjian.db.logLevel=INFO|FINE changes the level, and
// -Djava.util.logging.config.file=… replaces this set-up altogether.
// See docs/adr/0013-embedded-database-mongo-java-server.md.

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import org.h2.mvstore.MVStore;

public final class Launcher {

    /** The MongoDB release a wire version stands for (what `buildInfo` answers), for the common ones. */
    private static final Map<Integer, String> SERVER_VERSIONS = Map.of(
        9, "4.4.0", 13, "5.0.0", 17, "6.0.0", 21, "7.0.0", 25, "8.0.0");

    /** The version the backend announces: `hello`/`isMaster` maxWireVersion and `buildInfo` version. */
    record AnnouncedVersion(List<Integer> versionArray, int wireVersion) implements MongoVersion {
        @Override
        public List<Integer> getVersionArray() {
            return versionArray;
        }

        @Override
        public int getWireVersion() {
            return wireVersion;
        }
    }

    public static void main(String[] args) {
        configureLogging();

        String host = "127.0.0.1";
        int port = 27017;
        String backendName = "memory";
        String file = null;
        int cacheMb = 256;
        int wireVersion = 21;
        String serverVersion = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                usage(null);
            }
            if (i + 1 >= args.length) {
                usage("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> host = value;
                case "--port" -> port = parseInt(option, value);
                case "--backend" -> backendName = value;
                case "--file" -> file = value;
                case "--cache-mb" -> cacheMb = parseInt(option, value);
                case "--wire-version" -> wireVersion = parseInt(option, value);
                case "--server-version" -> serverVersion = value;
                default -> usage("unknown option " + option);
            }
        }
        if (wireVersion < 9) {
            usage("--wire-version " + wireVersion + ": the Node.js driver 7 refuses servers below wire version 9");
        }
        if (serverVersion == null) {
            serverVersion = SERVER_VERSIONS.get(wireVersion);
            if (serverVersion == null) {
                usage("no known MongoDB version for wire version " + wireVersion + "; pass --server-version X.Y.Z");
            }
        }
        AnnouncedVersion version = new AnnouncedVersion(parseVersion(serverVersion), wireVersion);

        MongoBackend backend;
        String description;
        switch (backendName) {
            case "memory" -> {
                if (file != null) {
                    usage("--file is for --backend h2 only");
                }
                backend = new MemoryBackend();
                description = "memory backend";
            }
            case "compact" -> {
                if (file != null) {
                    usage("--file is for --backend h2 only");
                }
                backend = new CompactMemoryBackend();
                description = "in memory, documents kept as BSON bytes";
            }
            case "h2" -> {
                if (file == null) {
                    usage("--backend h2 needs --file PATH (the H2 MVStore file)");
                }
                Path path = Path.of(file).toAbsolutePath();
                try {
                    Files.createDirectories(path.getParent());
                } catch (Exception e) {
                    fail("cannot create " + path.getParent() + ": " + e);
                }
                try {
                    backend = new H2Backend(new MVStore.Builder().fileName(path.toString()).cacheSize(cacheMb).open());
                } catch (RuntimeException e) {
                    // e.g. the file is locked by another server, or it is not an MVStore file
                    fail("cannot open the H2 store " + path + ": " + e.getMessage());
                    return;
                }
                description = "H2 backend, file " + path + ", cache " + cacheMb + " MB";
            }
            default -> {
                usage("--backend must be memory, compact or h2, not " + backendName);
                return;
            }
        }
        backend.version(version);

        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            // MongoServer.bind shuts the server (and the backend) down itself when binding fails
            fail("cannot listen on " + host + ":" + port + ": " + e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping");
            server.shutdownNow();
            log("stopped");
        }, "lianjian-shutdown"));
        log("mongo-java-server listening on " + server.getLocalAddress().getHostString() + ":"
            + server.getLocalAddress().getPort() + " (" + description + "; announces MongoDB "
            + version.toVersionString() + ", wire version " + wireVersion + ")");
    }

    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return; // someone's own java.util.logging configuration
        }
        Level level;
        try {
            level = Level.parse(System.getProperty("lianjian.db.logLevel", "WARNING").toUpperCase());
        } catch (IllegalArgumentException e) {
            level = Level.WARNING;
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Set<String> ignoredIndexes = ConcurrentHashMap.newKeySet();
        ConsoleHandler handler = new ConsoleHandler(); // System.err, which infra.sh sends to mongodb.log
        handler.setLevel(Level.ALL);
        handler.setFilter(record -> {
            if (record.getThrown() instanceof DuplicateKeyError) {
                return false; // normal operation: the client gets E11000
            }
            String message = record.getMessage();
            if (message != null && message.startsWith("adding secondary index")) {
                return ignoredIndexes.add(message); // once per index, not at every service start
            }
            return true;
        });
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                String message = record.getMessage() == null ? "" : record.getMessage();
                if (message.length() > 1000) {
                    message = message.substring(0, 1000) + "… (" + message.length() + " characters)";
                }
                StringBuilder line = new StringBuilder()
                    .append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                    .append(levelName(record.getLevel())).append(' ')
                    .append(record.getLoggerName()).append(" - ").append(message);
                Throwable thrown = record.getThrown();
                if (thrown instanceof MongoServerException || thrown instanceof IOException) {
                    // a command the server refused, a client that went away: the cause is enough
                    line.append(": ").append(thrown);
                } else if (thrown != null) {
                    StringWriter trace = new StringWriter();
                    thrown.printStackTrace(new PrintWriter(trace));
                    line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
                }
                return line.append(System.lineSeparator()).toString();
            }
        });
        root.addHandler(handler);
    }

    private static String levelName(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (level.intValue() >= Level.WARNING.intValue()) {
            return "WARN";
        }
        return level.getName();
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            usage(option + " needs a number, not " + value);
            return 0;
        }
    }

    private static List<Integer> parseVersion(String value) {
        List<Integer> parts = new ArrayList<>();
        try {
            Arrays.stream(value.split("\\.")).map(Integer::valueOf).forEach(parts::add);
        } catch (NumberFormatException e) {
            usage("--server-version must look like 7.0.0, not " + value);
        }
        while (parts.size() < 3) {
            parts.add(0);
        }
        return List.copyOf(parts);
    }

    private static void log(String message) {
        System.err.println("[mongo-java-server] " + message);
    }

    private static void fail(String message) {
        log("error: " + message);
        System.exit(1);
    }

    private static void usage(String problem) {
        if (problem != null) {
            log("error: " + problem);
        }
        System.err.println("usage: Launcher [--host 127.0.0.1] [--port 27017] [--backend memory|h2] [--file PATH] [--cache-mb N]"
            + " [--wire-version 21] [--server-version 7.0.0]");
        System.exit(problem == null ? 0 : 2);
    }
}

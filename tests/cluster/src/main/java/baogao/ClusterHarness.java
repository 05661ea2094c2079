package baogao;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.MockNode;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A 2-node OpenSearch cluster in one JVM, bound to 127.0.0.1, for baogao's cluster tests.
 *
 * <p>Usage: {@code ClusterHarness WORKDIR PORTFILE MAX_SECONDS}. Node 1 is the only
 * cluster-manager (so stopping node 2 keeps the cluster up with the shards node 2 held missing);
 * both hold data. When both answer HTTP, the harness writes their HTTP ports, one a line, to
 * PORTFILE (atomically) and then reads commands on stdin: {@code stop 2} closes node 2 and
 * prints {@code stopped 2}. It exits when stdin closes (its parent is gone) or after
 * MAX_SECONDS, whichever comes first, so a cluster never outlives its test.
 */
public final class ClusterHarness {
    private ClusterHarness() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ClusterHarness WORKDIR PORTFILE MAX_SECONDS");
            System.exit(2);
        }
        // stdout is the protocol with the test (ready, stopped 2); everything the nodes log goes
        // to stderr. A test reads stdout only when it waits for an answer: logs there would fill
        // the pipe and block the nodes.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Path work = Path.of(args[0]);
        Path portFile = Path.of(args[1]);
        long maxSeconds = Long.parseLong(args[2]);
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(maxSeconds);
                System.err.println("harness: " + maxSeconds + " s are up, exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException ignored) {
                // Normal exit.
            }
        }, "harness-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        int[] transport = {freePort(), freePort()};
        int[] http = {freePort(), freePort()};
        List<Node> nodes = new ArrayList<>();
        List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);
        for (int i = 0; i < 2; i++) {
            Path home = work.resolve("node-" + (i + 1));
            Files.createDirectories(home);
            Settings settings = Settings.builder()
                .put("cluster.name", "baogao-test")
                .put("node.name", "node-" + (i + 1))
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", http[i])
                .put("transport.port", transport[i])
                .put("transport.type", "netty4")
                .put("http.type", "netty4")
                .putList("node.roles", i == 0 ? List.of("cluster_manager", "data", "ingest") : List.of("data", "ingest"))
                .putList("discovery.seed_hosts", "127.0.0.1:" + transport[0])
                .putList("cluster.initial_cluster_manager_nodes", "node-1")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false)
                .build();
            Node node = new MockNode(settings, plugins);
            node.start();
            nodes.add(node);
            System.err.println("harness: node-" + (i + 1) + " started, http 127.0.0.1:" + http[i]);
        }
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".part");
        Files.writeString(partial, http[0] + "\n" + http[1] + "\n", StandardCharsets.UTF_8);
        Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE);
        protocol.println("ready " + http[0] + " " + http[1]);

        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            String command = line.trim();
            if (command.equals("stop 2")) {
                nodes.get(1).close();
                nodes.get(1).awaitClose(30, TimeUnit.SECONDS);
                protocol.println("stopped 2");
            } else if (!command.isEmpty()) {
                protocol.println("unknown command: " + command);
            }
        }
        System.err.println("harness: stdin closed, stopping the cluster");
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        Runtime.getRuntime().halt(0);
    }

    /** A port free on the loopback interface now (the node binds it a moment later). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package dev.portcullis.demo.containers;

import dev.portcullis.adapters.keycloak.it.BrowserSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded login storm over two Keycloak nodes, as a load balancer that does not stick spreads it:
 * logins alternate between the nodes, users in turn, from a few threads at once. When a node cannot
 * be reached (no connection: it is stopped), the login is counted against it and sent to the other
 * node, as the load balancer would once its health check fails. Each answer is checked against what
 * the policies say: a blocked user never gets a code, an allowed user never gets the block page.
 * Anything else (an error page while a node goes down) is neither, and counted apart.
 */
final class LoginStorm {

    /** One login: a fresh browser signing in on node 0 or 1, up to the password form's answer. */
    interface SignIn {
        BrowserSession.Page on(int node, String username) throws IOException, InterruptedException;
    }

    /** Something done to the cluster once {@code afterLogins} logins have started, while the storm goes on. */
    record Disruption(int afterLogins, String what, Action action) {}

    interface Action {
        void run() throws Exception;
    }

    /** What each node answered. {@code wrong} lists the first wrong decisions, to show when it fails. */
    record Tally(long[] signedIn, long[] blocked, long[] other, long[] unreachable, long wrongDecisions, List<String> wrong,
            List<String> others, List<String> disruptions, Duration took) {

        long decided() {
            return signedIn[0] + signedIn[1] + blocked[0] + blocked[1];
        }

        String describe() {
            return "logins decided " + decided() + " (node 1: " + signedIn[0] + " signed in, " + blocked[0] + " blocked;"
                    + " node 2: " + signedIn[1] + " signed in, " + blocked[1] + " blocked), wrong decisions "
                    + wrongDecisions + ", other answers node 1/2 " + other[0] + "/" + other[1]
                    + ", unreachable (sent to the other node) node 1/2 " + unreachable[0] + "/" + unreachable[1]
                    + ", in " + took.toMillis() + " ms; " + String.join("; ", disruptions);
        }
    }

    private final List<String> users;
    private final Set<String> blockedUsers;
    private final SignIn signIn;
    private final LongAdder[][] counts = new LongAdder[4][2];
    private final LongAdder wrongDecisions = new LongAdder();
    private final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    private final List<String> others = Collections.synchronizedList(new ArrayList<>());

    LoginStorm(List<String> users, Set<String> blockedUsers, SignIn signIn) {
        this.users = List.copyOf(users);
        this.blockedUsers = Set.copyOf(blockedUsers);
        this.signIn = signIn;
        for (LongAdder[] row : counts) {
            row[0] = new LongAdder();
            row[1] = new LongAdder();
        }
    }

    /** Runs {@code logins} logins on {@code threads} threads; the disruptions run on this thread, in order, meanwhile. */
    Tally run(int logins, int threads, List<Disruption> disruptions) throws Exception {
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Instant start = Instant.now();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = started.getAndIncrement(); i < logins; i = started.getAndIncrement()) {
                    login(i % 2, users.get((i / 2) % users.size()));
                }
                return null;
            }));
        }
        List<String> done = new ArrayList<>();
        try {
            for (Disruption disruption : disruptions) {
                while (started.get() < disruption.afterLogins() && workers.stream().anyMatch(w -> !w.isDone())) {
                    Thread.sleep(20);
                }
                Instant at = Instant.now();
                disruption.action().run();
                done.add(disruption.what() + " after " + Math.min(logins, started.get()) + " logins started ("
                        + Duration.between(at, Instant.now()).toMillis() + " ms)");
            }
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Tally(totals(0), totals(1), totals(2), totals(3), wrongDecisions.sum(), List.copyOf(wrong),
                List.copyOf(others), done, Duration.between(start, Instant.now()));
    }

    private void login(int node, String username) throws InterruptedException {
        BrowserSession.Page page;
        try {
            page = signIn.on(node, username);
        } catch (IOException unreachable) {
            counts[3][node].increment();
            if (node == 1) {
                login(0, username); // the load balancer sends it to the node still up
            }
            return;
        } catch (AssertionError noLoginForm) {
            record(2, node, username + " on node " + (node + 1) + ": " + noLoginForm.getMessage());
            return;
        }
        boolean blockedUser = blockedUsers.contains(username);
        if (page.signedIn()) {
            counts[0][node].increment();
            if (blockedUser) {
                wrongDecisions.increment();
                remember(wrong, username + " (blocked) signed in on node " + (node + 1));
            }
        } else if (page.has("#portcullis-blocked")) {
            counts[1][node].increment();
            if (!blockedUser) {
                wrongDecisions.increment();
                remember(wrong, username + " (allowed) blocked on node " + (node + 1));
            }
        } else {
            record(2, node, username + " on node " + (node + 1) + ": HTTP " + page.status() + " "
                    + abbreviate(page.text()));
        }
    }

    private void record(int row, int node, String what) {
        counts[row][node].increment();
        remember(others, what);
    }

    private static void remember(List<String> list, String what) {
        if (list.size() < 10) {
            list.add(what);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    private long[] totals(int row) {
        return new long[] {counts[row][0].sum(), counts[row][1].sum()};
    }
}

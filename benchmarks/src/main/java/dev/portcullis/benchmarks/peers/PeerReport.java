package dev.portcullis.benchmarks.peers;

import java.util.List;

/**
 * Prints what the benchmark compares: per size, the outcome mix, each engine's own rule count,
 * the gate's result and a rough one-thread time per decision (not a benchmark: use JMH for figures).
 * {@code java -cp benchmarks/target/benchmarks.jar dev.portcullis.benchmarks.peers.PeerReport [--text]}
 */
public final class PeerReport {

    private PeerReport() {}

    public static void main(String[] args) {
        boolean text = List.of(args).contains("--text");
        for (int size : PeerScenario.SIZES) {
            PeerScenario scenario = PeerScenario.of(size);
            PeerPortcullisEngine ours = new PeerPortcullisEngine(scenario);
            PeerEngine.Prepared reference = ours.prepare(scenario.signIns());
            System.out.printf("%d policies, %d sign-ins, outcomes %s%n", size, scenario.signIns().size(),
                    scenario.outcomeCounts());
            for (PeerEngine engine : List.of(ours, new PeerCedarEngine(scenario), new PeerCasbinEngine(scenario))) {
                PeerEngine.Prepared prepared = engine == ours ? reference : engine.prepare(scenario.signIns());
                int differences = PeerCorrectnessGate.differences(scenario, reference, engine, prepared).size();
                long start = System.nanoTime();
                int rounds = 0;
                do {
                    for (int i = 0; i < prepared.size(); i++) {
                        prepared.decide(i);
                    }
                    rounds++;
                } while (System.nanoTime() - start < 1_000_000_000L);
                double micros = (System.nanoTime() - start) / 1e3 / (rounds * (double) prepared.size());
                System.out.printf("  %-10s %5d native rules, %d differences, ~%.2f us/decision (rough)%n",
                        engine.name(), engine.nativeRuleCount(), differences, micros);
            }
            if (text && size == PeerScenario.SIZES.get(0)) {
                System.out.println(PeerCedarEngine.policyText(scenario));
                System.out.println(PeerCasbinEngine.modelText(scenario));
            }
        }
    }
}

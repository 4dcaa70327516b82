package dev.kmc.checks.explore;

import java.util.List;
import java.util.Map;

/**
 * What an exploration found: how many distinct states and transitions, how deep, whether it
 * finished (or which limit stopped it), violating states by kind, and the shortest violating
 * operation sequence with the state after each step.
 */
public record ExplorationReport(String name, long states, long transitions, int maxDepth, boolean complete,
                                String stoppedBy, Map<String, Long> violationsByKind, List<String> shortestPath,
                                List<String> shortestPathStates, String shortestViolation, long millis) {

    public long violatingStates() {
        return violationsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public double statesPerSecond() {
        return millis == 0 ? 0 : states * 1000.0 / millis;
    }

    /** One line: states, transitions, depth, verdict, time. */
    public String summary() {
        return String.format("%s: %,d states, %,d transitions, depth %d, %s, %s, %d ms (%,.0f states/s)",
                name, states, transitions, maxDepth, complete ? "complete" : "stopped by " + stoppedBy,
                violatingStates() == 0 ? "no violation" : violatingStates() + " violating states " + violationsByKind
                        + ", shortest " + shortestPath.size() + " ops",
                millis, statesPerSecond());
    }

    /** The shortest counterexample, step by step. */
    public String counterexample() {
        if (shortestPath.isEmpty() && shortestViolation == null) return "no violation found";
        StringBuilder sb = new StringBuilder("shortest violating sequence (" + shortestPath.size() + " operations): "
                + String.join(", ", shortestPath) + "\nviolation: " + shortestViolation + "\n");
        for (int i = 0; i < shortestPath.size(); i++) {
            sb.append("\nafter ").append(i + 1).append(". ").append(shortestPath.get(i)).append(":\n")
                    .append(shortestPathStates.get(i)).append('\n');
        }
        return sb.toString();
    }
}

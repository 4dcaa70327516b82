package dev.kmc.checks.explore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Breadth-first explicit-state exploration from the fresh state over every operation sequence,
 * merging states by canonical key, checking the invariants in every reachable state. Breadth
 * first makes the first violation found a shortest one. Bounded by states, depth and time; a
 * run that hits a bound says which one and how far it got.
 */
public final class Explorer {
    private Explorer() { }

    /** Bounds of one exploration. */
    public record Limits(long maxStates, int maxDepth, long maxMillis) {
        public static Limits of(long maxStates, int maxDepth, long maxMillis) {
            return new Limits(maxStates, maxDepth, maxMillis);
        }
    }

    /** A key with value equality, for the visited map. */
    private record Key(int[] k, int hash) {
        Key(int[] k) {
            this(k, Arrays.hashCode(k));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).hash == hash && Arrays.equals(((Key) o).k, k);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    public static <S> ExplorationReport explore(String name, Explorable<S> sys, Limits limits) {
        return explore(name, sys, limits, false);
    }

    /** With {@code stopAtFirstViolation}, the search ends at the first (so a shortest) violation. */
    public static <S> ExplorationReport explore(String name, Explorable<S> sys, Limits limits, boolean stopAtFirstViolation) {
        long t0 = System.nanoTime();
        List<String> ops = sys.operations();
        // Per discovered state: its parent's index and the operation that led to it (for the path).
        int[] parent = new int[1024];
        short[] via = new short[1024];
        Map<Key, Integer> seen = new HashMap<>();
        ArrayDeque<Object[]> frontier = new ArrayDeque<>();   // {state, index, depth}
        S init = sys.initial();
        seen.put(new Key(sys.key(init)), 0);
        parent[0] = -1;
        frontier.add(new Object[] {init, 0, 0});
        int count = 1;
        long transitions = 0;
        int maxDepth = 0;
        Map<String, Long> violations = new TreeMap<>();
        int firstViolating = -1;
        String firstViolation = null;
        String stoppedBy = null;
        String v0 = sys.violation(init);
        if (v0 != null) {
            violations.merge(kind(v0), 1L, Long::sum);
            firstViolating = 0;
            firstViolation = v0;
        }
        while (!frontier.isEmpty()) {
            if ((System.nanoTime() - t0) / 1_000_000 > limits.maxMillis()) {
                stoppedBy = "time limit " + limits.maxMillis() + " ms";
                break;
            }
            Object[] node = frontier.poll();
            @SuppressWarnings("unchecked")
            S state = (S) node[0];
            int index = (Integer) node[1];
            int depth = (Integer) node[2];
            if (depth >= limits.maxDepth()) {
                stoppedBy = "depth limit " + limits.maxDepth();
                continue;
            }
            for (int op = 0; op < ops.size(); op++) {
                S next = sys.apply(state, op);
                transitions++;
                Key key = new Key(sys.key(next));
                if (seen.containsKey(key)) continue;
                if (count >= limits.maxStates()) {
                    stoppedBy = "state limit " + limits.maxStates();
                    frontier.clear();
                    break;
                }
                if (count == parent.length) {
                    parent = Arrays.copyOf(parent, count * 2);
                    via = Arrays.copyOf(via, count * 2);
                }
                parent[count] = index;
                via[count] = (short) op;
                seen.put(key, count);
                maxDepth = Math.max(maxDepth, depth + 1);
                String v = sys.violation(next);
                if (v != null) {
                    violations.merge(kind(v), 1L, Long::sum);
                    if (firstViolating < 0) {
                        firstViolating = count;
                        firstViolation = v;
                        if (stopAtFirstViolation) {
                            stoppedBy = "first violation";
                            frontier.clear();
                            count++;
                            break;
                        }
                    }
                }
                frontier.add(new Object[] {next, count, depth + 1});
                count++;
            }
        }
        List<String> path = new ArrayList<>();
        for (int i = firstViolating; i > 0; i = parent[i]) path.add(ops.get(via[i]));
        Collections.reverse(path);
        List<String> pathStates = new ArrayList<>();
        S s = sys.initial();
        for (String p : path) {
            s = sys.apply(s, ops.indexOf(p));
            pathStates.add(sys.describe(s));
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new ExplorationReport(name, count, transitions, maxDepth, stoppedBy == null, stoppedBy, violations,
                path, pathStates, firstViolation, millis);
    }

    private static String kind(String violation) {
        int c = violation.indexOf(':');
        return c < 0 ? violation : violation.substring(0, c);
    }
}

package dev.kmc.checks.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The pinned-results check machines share: is there an order of the whole operations, each CPU's
 * in its program order, in which an independent sequential specification returns exactly the
 * results the CPUs got? (Linearizability without the real-time constraint: the explorer's state
 * does not record which operations overlapped.) Orders are tried depth first and a prefix that
 * already disagrees is cut, so small pinned scenarios cost little.
 */
public final class SequentialOrders {
    private SequentialOrders() { }

    /** Calls one operation on a specification: (spec, cpu, operation text) to the result as printed. */
    @FunctionalInterface
    public interface Call<S> {
        String apply(S spec, int cpu, String op);
    }

    public static <S> boolean exists(Supplier<S> newSpec, Call<S> call, List<String> init, List<List<String>> programs,
                                     List<List<String>> results) {
        return search(newSpec, call, init, programs, results, new int[programs.size()], new ArrayList<>());
    }

    private static <S> boolean search(Supplier<S> newSpec, Call<S> call, List<String> init, List<List<String>> programs,
                                      List<List<String>> results, int[] next, List<int[]> order) {
        boolean done = true;
        for (int c = 0; c < programs.size(); c++) {
            if (next[c] < programs.get(c).size()) {
                done = false;
                next[c]++;
                order.add(new int[] {c, next[c] - 1});
                boolean ok = prefixMatches(newSpec, call, init, programs, results, order)
                        && search(newSpec, call, init, programs, results, next, order);
                order.remove(order.size() - 1);
                next[c]--;
                if (ok) return true;
            }
        }
        return done;
    }

    private static <S> boolean prefixMatches(Supplier<S> newSpec, Call<S> call, List<String> init, List<List<String>> programs,
                                             List<List<String>> results, List<int[]> order) {
        S spec = newSpec.get();
        for (String op : init) call.apply(spec, 0, op);
        for (int[] o : order) {
            if (!call.apply(spec, o[0], programs.get(o[0]).get(o[1])).equals(results.get(o[0]).get(o[1]))) return false;
        }
        return true;
    }
}

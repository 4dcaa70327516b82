package dev.kmc.checks.rcu;

import dev.kmc.model.rcu.RcuSubject;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequential specification of call_rcu on two CPUs under the guarded contract, written
 * independently of the port: no segmented list, no tails, no gp_seq. Each CPU holds its accepted
 * callbacks in queue order, split into those still waiting for a grace period and those whose
 * grace period is over.
 * <ul>
 * <li>call_rcu of a head that is queued (accepted and not yet invoked) is rejected; any other
 *     call_rcu is accepted and waits on the calling CPU.</li>
 * <li>A grace period makes every callback queued before it ready, on every CPU.</li>
 * <li>A CPU's batch invokes its ready callbacks, in queue order, and only those; each exactly
 *     once. From then on the head may be queued again.</li>
 * </ul>
 * Every operation is one step, a batch and a grace period included; RcuLincheck says why the
 * port is checked that way. Only the heads' names come from {@link RcuSubject}, none of the
 * port's logic.
 */
public class RcuSpec {

    private final List<List<Integer>> waiting = List.of(new ArrayList<>(), new ArrayList<>());
    private final List<List<Integer>> ready = List.of(new ArrayList<>(), new ArrayList<>());
    private final boolean[] queued = new boolean[RcuSubject.NAMES.size()];

    public boolean callRcu0(int id) { return callRcu(0, id); }

    public String doBatch0() { return doBatch(0); }

    public boolean callRcu1(int id) { return callRcu(1, id); }

    public String doBatch1() { return doBatch(1); }

    public void gracePeriod() {
        for (int cpu = 0; cpu < waiting.size(); cpu++) {
            ready.get(cpu).addAll(waiting.get(cpu));
            waiting.get(cpu).clear();
        }
    }

    private boolean callRcu(int cpu, int id) {
        if (queued[id]) return false;
        queued[id] = true;
        waiting.get(cpu).add(id);
        return true;
    }

    private String doBatch(int cpu) {
        List<String> invoked = new ArrayList<>();
        for (int id : ready.get(cpu)) {
            queued[id] = false;
            invoked.add(RcuSubject.NAMES.get(id));
        }
        ready.get(cpu).clear();
        return invoked.toString();
    }
}

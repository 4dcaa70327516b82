package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;

/**
 * {@code struct rcu_data}, one per CPU: its callback list and the grace-period number it has
 * noted. Touched only by its own CPU, which stands for "this CPU with interrupts off".
 */
final class RcuData {
    final int cpu;
    final RcuSegCbList cblist;
    /** rdp-&gt;gp_seq (3.10: rdp-&gt;completed/gpnum): the value of rcu_state.gp_seq this CPU last noted. */
    final Word gpSeq;

    RcuData(Memory mem, Rcu rcu, int cpu, EnqueueGuard.RcuVersion version) {
        this.cpu = cpu;
        this.cblist = new RcuSegCbList(mem, rcu, cpu, version);
        this.gpSeq = mem.word("cpu" + cpu + ".gp_seq", 0).cpuPrivate();
    }

    /**
     * note_gp_changes() (3.10: rcu_process_gp_end + check_for_new_grace_period), minimal: catch up
     * with the grace periods that started or ended since this CPU last looked, before it touches
     * its list again. gp_seq counts GP starts and ends: odd while a grace period is in progress.
     */
    void noteGpChanges(long rcuGpSeq) {
        long seen = gpSeq.load();
        if ((seen & 1) != 0 && rcuGpSeq > seen) {
            cblist.rcuSegcblistAdvance();       // the grace period this CPU saw start has ended
            seen++;
        }
        if (rcuGpSeq > seen) {
            cblist.rcuSegcblistAccelerate();    // a grace period started that this CPU had not seen
        }
        if (rcuGpSeq > seen + 1) {
            cblist.rcuSegcblistAdvance();       // ... and it has ended too (later ones find nothing new)
        }
        if (rcuGpSeq != gpSeq.load()) {
            gpSeq.store(rcuGpSeq);
        }
    }
}

package dev.kmc.model.rcu;

/**
 * {@code struct rcu_data}, one per CPU: its callback list and the grace-period number it has
 * noted. Confined to its CPU's thread, which stands for "this CPU with interrupts off".
 */
final class RcuData {
    final int cpu;
    final RcuSegCbList cblist = new RcuSegCbList();
    /** rdp-&gt;gp_seq: the value of rcu_state.gp_seq this CPU last noted. */
    long gpSeq;

    RcuData(int cpu) {
        this.cpu = cpu;
    }

    /**
     * note_gp_changes() -&gt; __note_gp_changes(), minimal: catch up with the grace periods that
     * started or ended since this CPU last looked, before it touches its list again. As in the
     * kernel, the CPU applies them itself (rcu_core in softirq, or __call_rcu_core). Because the
     * list has not changed since then, a snapshot taken now equals the one a GP start would have
     * taken. gp_seq counts GP starts and ends: odd while a grace period is in progress.
     */
    void noteGpChanges(long rcuGpSeq) {
        long seen = gpSeq;
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
        gpSeq = rcuGpSeq;
    }
}

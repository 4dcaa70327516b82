package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.SpinLock;

/**
 * The seed's "link" (an out-of-tree module, "[LWCONN]", kernel tainted OE; its source is not
 * public): a connection kept in a hash table by its 4-tuple. When a control packet says the peer's
 * address changed, the handler takes the link out of the table and calls {@code call_rcu} on the
 * <b>link node</b>, whose callback adds it back under the new 4-tuple after a grace period. Two
 * such packets handled on two CPUs queue the same head on both CPUs' lists: the seed's double
 * {@code call_rcu}.
 * <p>
 * NOTE (inferred, unconfirmed): the handler's unhash and the callback's "look up the 4-tuple, and
 * if it is already there pr_err and return, else hlist_add_head_rcu" are the least code consistent
 * with the seed's log, whose "there is same 4-tuple link in hash table" line comes ~5 ms after the
 * two updates and before the list_del WARN: the callback's second run finding the link already
 * hashed. The lock and the names are the model's; the 4-tuple's value is not modelled (one link).
 */
public final class PeerLink implements RcuContainer {
    /** The callback the module passes to call_rcu (name invented: the module's symbols are unknown). */
    public static final RcuCallback LINK_REHASH_RCU = new RcuCallback("link_rehash_rcu", PeerLink::linkRehashRcu);

    private final Rcu rcu;
    private final RcuHead rcuHead;
    /** The module's hash table bucket (hlist_head.first) for this link's 4-tuple. */
    final ObjPtr<PeerLink> bucket;
    /** link-&gt;hnode.next. */
    final ObjPtr<PeerLink> hnext;
    private final int addr;
    /** The module's table lock (assumed). */
    final SpinLock tableLock;

    PeerLink(Memory mem, Rcu rcu, String name) {
        this.rcu = rcu;
        this.addr = mem.register(this);
        this.rcuHead = rcu.newHead(name, this);
        this.tableLock = mem.spinLock("link_table_lock");
        this.bucket = new ObjPtr<PeerLink>(mem, "link_table[4-tuple]", l -> l.addr).guardedBy(tableLock);
        this.hnext = new ObjPtr<PeerLink>(mem, name + ".hnode.next", l -> l.addr).guardedBy(tableLock);
        bucket.pokePtr(this);                                       // hashed when the connection was set up
    }

    /**
     * The "peer info changed" handler on the receiving {@code cpu}: unhash (hlist_del_init_rcu,
     * harmless if already unhashed), then {@code call_rcu(&link->rcu, link_rehash_rcu)}. Returns
     * whether call_rcu accepted it (always, on 3.10).
     */
    public boolean peerInfoChanged(int cpu) {
        tableLock.spinLock();                                      // spin_lock_bh(&link_table_lock)
        if (bucket.load() == this) {                                // hlist_unhashed()? else hlist_del_init_rcu(&link->hnode)
            bucket.store(hnext.load());
            hnext.store(null);
        }
        tableLock.spinUnlock();
        return rcu.callRcu(cpu, rcuHead, LINK_REHASH_RCU);
    }

    /** link_rehash_rcu(head): add the link back under its 4-tuple, unless that 4-tuple is already in the table. */
    static void linkRehashRcu(Rcu rcu, int cpu, RcuHead head) {
        PeerLink link = (PeerLink) head.container();
        link.tableLock.spinLock();                                      // spin_lock_bh(&link_table_lock)
        for (PeerLink l = link.bucket.load(); l != null; l = l.hnext.load()) {   // hlist_for_each_entry(...): same 4-tuple?
            if (l == link) {
                link.tableLock.spinUnlock();
                rcu.report(RcuFinding.encode(RcuFinding.Kind.SAME_TUPLE_LINK, cpu, head.id(), 0, 0, 0));   // pr_err(...)
                return;
            }
        }
        link.hnext.store(link.bucket.load());                       // hlist_add_head_rcu(&link->hnode, bucket)
        link.bucket.rcuAssignPointer(link);
        link.tableLock.spinUnlock();
    }

    public RcuHead rcuHead() { return rcuHead; }

    /** True if the link is in the hash table. */
    public boolean isHashed() { return bucket.peekPtr() == this; }

    @Override
    public String describe() { return "link " + (isHashed() ? "(hashed)" : "(unhashed)"); }

    @Override
    public String toString() { return rcuHead.name(); }
}

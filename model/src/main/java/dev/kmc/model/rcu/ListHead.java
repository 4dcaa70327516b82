package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;

/**
 * {@code struct list_head} (include/linux/list.h), with {@code list_del} as CONFIG_DEBUG_LIST
 * builds it in 3.10.0-514 (lib/list_debug.c): the WARNs that the seed shows. The two poison values
 * are objects of their own, so that a pointer cell can hold them.
 */
final class ListHead {
    private final String name;
    private final int addr;
    final ObjPtr<ListHead> next;
    final ObjPtr<ListHead> prev;
    /**
     * LIST_POISON1 ({@code (void *) 0x100 + POISON_POINTER_DELTA}, dead000000000100 on x86_64) and
     * LIST_POISON2 (dead000000000200): one pair of objects per memory (see {@link #poison}).
     */
    private final ListHead[] poison;

    ListHead(Memory mem, String name, ListHead[] poison) {
        this.name = name;
        this.poison = poison;
        this.addr = mem.register(this);
        this.next = new ObjPtr<>(mem, name + ".next", h -> h.addr);
        this.prev = new ObjPtr<>(mem, name + ".prev", h -> h.addr);
        next.pokePtr(this);
        prev.pokePtr(this);
    }

    private ListHead(String poison, Memory mem) {
        this.name = poison;
        this.next = null;
        this.prev = null;
        this.poison = null;
        this.addr = mem.register(this);
    }

    /**
     * The two poison values for one memory, registered with it so pointer cells can hold them.
     * NOTE: built per memory, not static: an object created before a Lincheck run may change its
     * identity hash under Lincheck's instrumentation, and Memory finds addresses by identity hash.
     */
    static ListHead[] poison(Memory mem) {
        return new ListHead[] {new ListHead("LIST_POISON1", mem), new ListHead("LIST_POISON2", mem)};
    }

    boolean isPoison1(ListHead h) { return h == poison[0]; }

    /** list_add_tail() at construction time (no scheduling): {@code this} goes before {@code head}. */
    void pokeAddTail(ListHead head) {
        ListHead last = head.prev.peekPtr();
        next.pokePtr(head);
        prev.pokePtr(last);
        last.next.pokePtr(this);
        head.prev.pokePtr(this);
    }

    /** list_empty(): {@code head->next == head}. */
    boolean listEmpty() {
        return next.load() == this;
    }

    /**
     * list_del() of lib/list_debug.c (CONFIG_DEBUG_LIST): __list_del_entry() checks the neighbours
     * and WARNs and returns without unlinking if one is poisoned or inconsistent; then the entry is
     * poisoned again. {@code report} receives the WARN (1 next is LIST_POISON1, 2 prev is
     * LIST_POISON2, 3 prev-&gt;next, 4 next-&gt;prev).
     */
    void listDel(java.util.function.IntConsumer report) {
        listDelEntry(report);                                       // __list_del_entry(entry)
        next.store(poison[0]);                                   // entry->next = LIST_POISON1
        prev.store(poison[1]);                                   // entry->prev = LIST_POISON2
    }

    private void listDelEntry(java.util.function.IntConsumer report) {
        ListHead p = prev.load();                                   // prev = entry->prev
        ListHead n = next.load();                                   // next = entry->next
        if (n == poison[0]) {                                    // WARN(next == LIST_POISON1, "list_del corruption, %p->next is LIST_POISON1")
            report.accept(1);
            return;
        }
        if (p == poison[1]) {
            report.accept(2);
            return;
        }
        if (p.next.load() != this) {
            report.accept(3);
            return;
        }
        if (n.prev.load() != this) {
            report.accept(4);
            return;
        }
        n.prev.store(p);                                            // __list_del(prev, next): next->prev = prev
        p.next.store(n);                                            //                         prev->next = next
    }

    /** The poison value this pointer holds, or the neighbour's name. */
    @Override
    public String toString() { return name; }
}

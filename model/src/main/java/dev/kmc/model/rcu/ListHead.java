package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;

/**
 * {@code struct list_head} (include/linux/list.h), with {@code list_del} as CONFIG_DEBUG_LIST
 * builds it in 3.10.0-514 (lib/list_debug.c): the WARNs that the seed shows. The two poison values
 * are objects of their own, so that a pointer cell can hold them.
 */
final class ListHead {
    /** LIST_POISON1: {@code (void *) 0x100 + POISON_POINTER_DELTA}, dead000000000100 on x86_64. */
    static final ListHead LIST_POISON1 = new ListHead("LIST_POISON1");
    /** LIST_POISON2: dead000000000200. */
    static final ListHead LIST_POISON2 = new ListHead("LIST_POISON2");

    private final String name;
    final Ptr<ListHead> next;
    final Ptr<ListHead> prev;

    ListHead(Memory mem, String name) {
        this.name = name;
        mem.register(this);
        this.next = mem.ptr(name + ".next", this);
        this.prev = mem.ptr(name + ".prev", this);
    }

    private ListHead(String poison) {
        this.name = poison;
        this.next = null;
        this.prev = null;
    }

    /** Registers the poison values with {@code mem}, so pointer cells can hold them. */
    static void registerPoison(Memory mem) {
        mem.register(LIST_POISON1);
        mem.register(LIST_POISON2);
    }

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
        next.store(LIST_POISON1);                                   // entry->next = LIST_POISON1
        prev.store(LIST_POISON2);                                   // entry->prev = LIST_POISON2
    }

    private void listDelEntry(java.util.function.IntConsumer report) {
        ListHead p = prev.load();                                   // prev = entry->prev
        ListHead n = next.load();                                   // next = entry->next
        if (n == LIST_POISON1) {                                    // WARN(next == LIST_POISON1, "list_del corruption, %p->next is LIST_POISON1")
            report.accept(1);
            return;
        }
        if (p == LIST_POISON2) {
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

// -*- c-basic-offset: 4 -*-
#ifndef CLICKOS_WASM_ELEMENT_HH
#define CLICKOS_WASM_ELEMENT_HH
/*
 * clickos_element.{cc,hh} -- the Click side of a WebAssembly element module.
 *
 * `clickos build --target click-userlevel|minios` generates one thin C++ class
 * per element class of a module (sdk/src/native/click-classes.ts). Each derives
 * from ClickOSWasmElement, which does the work: it opens the module once
 * (ClickOSWasmModule, one static per module, shared by every element of every
 * class of that module), creates the element in it, passes the raw
 * configuration string, turns packets into clickos_packet arrays for
 * clickos_push() and back, forwards emitted packets, runs the module's timers
 * on Click Timers, answers pulls and runs tasks for classes that pull for
 * themselves (clickos_pull, clickos_task_run, lending packets from input(port)
 * .pull()), and exposes the module's handlers plus "traps" and "last_trap".
 *
 * Builds with -fno-exceptions -fno-rtti -fno-threadsafe-statics; uses only
 * Click's own API (no libstdc++), so it links into ClickOS MiniOS images.
 */
#include <click/element.hh>
#include <click/timer.hh>
#include <click/task.hh>
#include <click/notifier.hh>
#include "clickos_host.h"
CLICK_DECLS
class ClickOSWasmElement;

/* One per module, a static POD in the generated module glue (no constructor,
 * so no static-initialisation order to worry about). The module is opened by
 * the first element that configures and closed with the last cleanup. */
struct ClickOSWasmModule {
    const clickos_module_def *def;
    clickos_module *mod;
    int refs;                       // elements holding the module open
    ClickOSWasmElement **by_eid;    // host element id -> Click element (timers)
    int nby_eid;
    ErrorHandler *errh;             // where module errors go during a call
    const char *errprefix;          // the host's "name :: Class: " prefix to strip
};

class ClickOSWasmElement : public Element { public:

    ClickOSWasmElement(ClickOSWasmModule *module, int class_id);
    ~ClickOSWasmElement();

    int configure(Vector<String> &conf, ErrorHandler *errh);
    int initialize(ErrorHandler *errh);
    void cleanup(CleanupStage stage);
    void add_handlers();
    void *cast(const char *name);

    void push(int port, Packet *p);
    Packet *pull(int port);
    bool run_task(Task *task);
#if HAVE_BATCH
    void push_batch(int port, PacketBatch *batch);
#endif

    // What the module was given of a packet's metadata (clickos_element.cc).
    struct Given;

    // Batches larger than this are split (stack use stays under 4 KB, MiniOS-safe).
    enum { CHUNK = 16 };
    // At most this many elements run in one crossing (fusion, find_run()): the ABI's bound.
    enum { MAX_RUN = CLICKOS_RUN_MAX };

    // Called from the module's hooks and Click timers.
    void schedule_timer(uint32_t timer, uint64_t delay_ns);
    void cancel_timer(uint32_t timer);
    void fire_timer(uint32_t timer);

  private:

    struct WasmTimer;
    ClickOSWasmModule *_module;
    int _class_id;
    clickos_eid _eid;
    WasmTimer **_timers;            // CLICKOS_HOST_MAX_TIMERS slots, allocated on first use
    // The run a packet pushed into this element crosses in one go (fusion):
    // this element, then the elements of the same module its output 0 leads to.
    ClickOSWasmElement *_run[MAX_RUN];
    clickos_eid _run_eids[MAX_RUN];
    int _nrun;
    // Classes that pull for themselves: the Task of a class with one (its
    // run_task is the module's clickos_task_run), and the packet input_pull
    // just pulled, until the host has copied it into the module.
    Task *_task;
    // The packets lent in the own pull or task call in progress, kept until it
    // returns (ports alongside); after a trap all but the one it is blamed on go
    // back to _held, and are lent again first. CLICKOS_MAX_LEND each, allocated
    // with the Task or on the first pull.
    Packet **_lent;
    int *_lent_port;
    int _nlent;
    Packet **_held;
    int *_held_port;
    int _nheld;
    // Whether input 0's upstream may have packets (a Queue's notifier), so a task
    // that found nothing sleeps until it has, as Click's Unqueue does.
    NotifierSignal _signal;

    int open_module(ErrorHandler *errh);
    void close_module();
    const clickos_class_def *class_def() const;
    void find_run();
    void run(int port, Packet **ps, int n);
    void finish(Packet **ps, const clickos_packet *cp, const Given *before, int k, int r, const clickos_packet *emitted);
    // What a call emitted, out of the module. A few packets (a pull's one, a
    // timer's reply) fit the inline arrays; more take heap arrays.
    enum { EMITTED_INLINE = 8 };
    struct Emitted {
        Packet **ps; int *ports; uint32_t *order; int n;
        Packet *ps_inline[EMITTED_INLINE]; int ports_inline[EMITTED_INLINE]; uint32_t order_inline[EMITTED_INLINE];
        bool on_heap() const { return ps != ps_inline; }
    };
    static void copy_emitted(Emitted &em, int n, const clickos_packet *emitted);
    void deliver_emitted(Emitted &em);
    void deliver_in_order(Packet **ps, const int *ports, const uint32_t *order, int k, Emitted &em);
    void deliver(int port, Packet *p);
    void report_failure(int r, const char *what, ErrorHandler *errh, int nerrors_before);
    bool pulls_itself(int port) const;
    Packet *own_pull(int port);
    Packet *take_pulled(int port, Emitted &em);
    static int lend_pull(void *ctx, int port, clickos_packet *cp);
    bool lend_arrays();
    void free_lend_arrays();
    Packet *take_held(int port);
    void settle_lent(int r);
    void drop_held();

    static String read_handler(Element *e, void *thunk);
    static int write_handler(const String &s, Element *e, void *thunk, ErrorHandler *errh);
    static String read_builtin(Element *e, void *thunk);
    static int write_trap_policy(const String &s, Element *e, void *thunk, ErrorHandler *errh);

};

CLICK_ENDDECLS
#endif

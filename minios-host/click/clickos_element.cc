// -*- c-basic-offset: 4 -*-
/*
 * clickos_element.{cc,hh} -- the Click side of a WebAssembly element module.
 * See the header for the overall shape; every generated element class of
 * every module shares this code.
 *
 * One file (~1,000 lines) because Click's build (click-buildtool, the package
 * makefile the native build writes) takes one .cc per element class family, and
 * every generated class compiles against this one; it is sectioned by Click's
 * phases: module lifetime, configure/initialize, packets, pull outputs and
 * tasks, timers, handlers.
 */
#include <click/config.h>
#include "clickos_element.hh"
#include <click/confparse.hh>
#include <click/error.hh>
#include <click/glue.hh>
#include <click/packet.hh>
#include <click/string.hh>
#include <click/straccum.hh>
#include <click/timer.hh>
#include <click/timestamp.hh>
#include <click/standard/scheduleinfo.hh>
#if HAVE_BATCH
# include <click/packetbatch.hh>
#endif
CLICK_DECLS

// Click's user-level build (and Click's MiniOS build) export this provision;
// click-buildtool compiles this file into any package/group whose generated
// element classes ELEMENT_REQUIRE it.
ELEMENT_PROVIDES(ClickOSWasm)

struct ClickOSWasmElement::WasmTimer {
    Timer timer;
    ClickOSWasmElement *owner;
    uint32_t id;
    WasmTimer(ClickOSWasmElement *o, uint32_t i) : timer(fire, this), owner(o), id(i) {}
    static void fire(Timer *, void *thunk) {
        WasmTimer *t = static_cast<WasmTimer *>(thunk);
        t->owner->fire_timer(t->id);
    }
};

// ---- module hooks (the clickos_host calls these) ---------------------------

namespace {

ClickOSWasmElement *
element_of(void *ctx, clickos_eid eid)
{
    ClickOSWasmModule *mod = static_cast<ClickOSWasmModule *>(ctx);
    if (eid < 0 || eid >= mod->nby_eid)
        return 0;
    return mod->by_eid[eid];
}

void
hook_log(void *ctx, clickos_module *, clickos_eid eid, int level, const char *msg, size_t len)
{
    ClickOSWasmElement *e = element_of(ctx, eid);
    static const char *const levels[] = { "debug", "info", "warning", "error" };
    const char *lv = level >= 0 && level < 4 ? levels[level] : "log";
    if (e)
        click_chatter("%s: %s: %.*s", e->name().c_str(), lv, (int) len, msg);
    else
        click_chatter("%s: %.*s", lv, (int) len, msg);
}

// The host prefixes each error with "name :: Class: "; inside configure() and
// handler writes Click's ErrorHandler already carries that context, so the
// prefix is stripped there to keep Click's usual message shape.
void
hook_error(void *ctx, clickos_module *, clickos_eid, const char *msg, size_t len)
{
    ClickOSWasmModule *mod = static_cast<ClickOSWasmModule *>(ctx);
    const char *p = msg, *end = msg + len;
    if (mod->errprefix) {
        size_t pl = strlen(mod->errprefix);
        if (pl + 4 <= len && memcmp(p, mod->errprefix, pl) == 0 && memcmp(p + pl, " :: ", 4) == 0) {
            const char *colon = (const char *) memchr(p + pl + 4, ':', end - (p + pl + 4));
            if (colon && colon + 1 < end) {
                p = colon + 1;
                while (p < end && *p == ' ')
                    ++p;
            }
        }
    }
    if (mod->errh)
        mod->errh->error("%.*s", (int) (end - p), p);
    else
        click_chatter("%.*s", (int) len, msg);
}

uint64_t
hook_now_ns(void *)
{
    Timestamp now = Timestamp::now();
    return (uint64_t) now.sec() * 1000000000ULL + now.nsec();
}

void
hook_random(void *, uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; ++i)
        buf[i] = (uint8_t) (click_random() >> 8);
}

void
hook_timer_schedule(void *ctx, clickos_module *, clickos_eid eid, uint32_t timer, uint64_t delay_ns)
{
    if (ClickOSWasmElement *e = element_of(ctx, eid))
        e->schedule_timer(timer, delay_ns);
}

void
hook_timer_cancel(void *ctx, clickos_module *, clickos_eid eid, uint32_t timer)
{
    if (ClickOSWasmElement *e = element_of(ctx, eid))
        e->cancel_timer(timer);
}

// Carries ErrorHandler context across a call into the module.
class ErrorScope { public:
    ErrorScope(ClickOSWasmModule *m, ErrorHandler *errh, const char *prefix)
        : _m(m), _old(m->errh), _oldprefix(m->errprefix) {
        m->errh = errh;
        m->errprefix = prefix;
    }
    ~ErrorScope() { _m->errh = _old; _m->errprefix = _oldprefix; }
  private:
    ClickOSWasmModule *_m;
    ErrorHandler *_old;
    const char *_oldprefix;
};

// Header offsets travel relative to the buffer start in both directions.
inline int32_t
header_offset(const Packet *p, bool has, const unsigned char *h)
{
    return has ? (int32_t) (h - p->buffer()) : CLICKOS_NO_HEADER;
}

inline Timestamp
timestamp_of_ns(int64_t ns)
{
    int64_t sec = ns / 1000000000;
    int64_t sub = ns % 1000000000;
    if (sub < 0) {
        sub += 1000000000;
        --sec;
    }
    return Timestamp::make_nsec((Timestamp::seconds_type) sec, (uint32_t) sub);
}

inline int64_t
ns_of_timestamp(const Timestamp &t)
{
    return (int64_t) t.sec() * 1000000000 + t.nsec();
}

enum { ANNO_COPY = (int) Packet::anno_size < CLICKOS_ANNO_SIZE ? (int) Packet::anno_size : CLICKOS_ANNO_SIZE };

} // namespace

// What the module was given of a packet's metadata, so untouched headers and
// timestamps are not written back (Click keeps a transport header length the
// ABI cannot say).
struct ClickOSWasmElement::Given {
    int32_t mac, net, transport;
    int64_t timestamp_ns;
};

namespace {

typedef ClickOSWasmElement::Given Given;

// Fills a host packet descriptor over a Click packet's buffer, field by field
// (this runs for every packet: no memset of the whole descriptor). The module
// is opened in shared-input mode, so the host only reads that buffer (it may
// be shared with clones): bytes the module changed come back staged.
inline void
fill(clickos_packet &cp, Given &given, Packet *p)
{
    cp.buf = const_cast<unsigned char *>(p->buffer());
    cp.cap = p->buffer_length();
    cp.off = p->headroom();
    cp.len = p->length();
    cp.port = 0;
    cp.flags = 0;
    cp.mac = given.mac = header_offset(p, p->has_mac_header(), p->mac_header());
    cp.net = given.net = header_offset(p, p->has_network_header(), p->network_header());
    cp.transport = given.transport = header_offset(p, p->has_transport_header(), p->transport_header());
    cp.packet_type = (uint32_t) p->packet_type_anno();
    // All of Click's headroom (up to the ABI's) is the packet's: an Unstrip in
    // the module gets back what a Strip before it removed, as in Click.
    cp.head_valid = cp.off < CLICKOS_DEFAULT_HEADROOM ? cp.off : CLICKOS_DEFAULT_HEADROOM;
    cp.timestamp_ns = given.timestamp_ns = ns_of_timestamp(p->timestamp_anno());
    memcpy(cp.anno, p->anno_u8(), ANNO_COPY);
    if (ANNO_COPY < CLICKOS_ANNO_SIZE)
        memset(cp.anno + ANNO_COPY, 0, CLICKOS_ANNO_SIZE - ANNO_COPY);
    cp.staged = 0;
    cp.staged_at = cp.staged_len = 0;
}

// Applies header offsets, annotations and timestamp from a host packet.
// `before` holds what the module was given (null for a packet it created).
// Annotations come back only when the module wrote them (FLAG_ANNO; the host
// left cp.anno as it was otherwise).
void
apply_meta(Packet *p, const clickos_packet &cp, const Given *before)
{
    const unsigned char *b = p->buffer();
    if (!before || cp.mac != before->mac) {
        if (cp.mac == CLICKOS_NO_HEADER)
            p->clear_mac_header();
        else
            p->set_mac_header(b + cp.mac);
    }
    if (!before || cp.net != before->net || cp.transport != before->transport) {
        if (cp.net == CLICKOS_NO_HEADER)
            p->clear_network_header();
        else {
            uint32_t hl = cp.transport >= cp.net ? (uint32_t) (cp.transport - cp.net) : 0;
            p->set_network_header(b + cp.net, hl);
        }
        if (cp.transport == CLICKOS_NO_HEADER)
            p->clear_transport_header();
    }
    p->set_packet_type_anno((Packet::PacketType) cp.packet_type);
    if (!before || cp.timestamp_ns != before->timestamp_ns)
        p->set_timestamp_anno(timestamp_of_ns(cp.timestamp_ns));
    if (!before || (cp.flags & CLICKOS_FLAG_ANNO))
        memcpy(p->anno_u8(), cp.anno, ANNO_COPY);
}

// Brings a Click packet to where the module left it. Bytes the module changed
// (staged by the host) go into a private copy (uniqueify: the only copy of the
// packet on the way back, and only for packets the module wrote); then the
// data pointers move, and headers and annotations are applied. A packet whose
// bytes are unchanged is never copied: its buffer already holds them, so even
// a push into headroom (Unstrip) or a put needs no private copy. Null if Click
// could not adjust the packet.
Packet *
adopt(Packet *p, const clickos_packet &c, const Given &before)
{
    if (c.staged) {
        WritablePacket *w = p->uniqueify();   // kills p on failure
        if (!w)
            return 0;
        memcpy(w->buffer() + c.staged_at, c.staged, c.staged_len);
        p = w;
    }
    int dh = (int) c.off - (int) p->headroom();
    if (dh < 0)
        p = p->nonunique_push(-dh);
    else if (dh > 0)
        p->pull(dh);
    if (!p)
        return 0;
    int dl = (int) c.len - (int) p->length();
    if (dl > 0)
        p = p->nonunique_put(dl);
    else if (dl < 0)
        p->take(-dl);
    if (!p)
        return 0;
    apply_meta(p, c, &before);
    return p;
}

} // namespace

// ---- element lifecycle -----------------------------------------------------

ClickOSWasmElement::ClickOSWasmElement(ClickOSWasmModule *module, int class_id)
    : _module(module), _class_id(class_id), _eid(CLICKOS_NO_ELEMENT), _timers(0), _nrun(0), _task(0), _lent(0), _lent_port(0), _nlent(0), _held(0), _held_port(0), _nheld(0)
{
}

ClickOSWasmElement::~ClickOSWasmElement()
{
    // cleanup() has normally run; this covers elements that never configured.
    if (_timers) {
        for (int i = 0; i < CLICKOS_HOST_MAX_TIMERS; ++i)
            delete _timers[i];
        delete[] _timers;
    }
}

const clickos_class_def *
ClickOSWasmElement::class_def() const
{
    return &_module->def->classes[_class_id];
}

int
ClickOSWasmElement::open_module(ErrorHandler *errh)
{
    ClickOSWasmModule *m = _module;
    if (!m->mod) {
        clickos_hooks hooks;
        clickos_hooks_default(&hooks);
        hooks.ctx = m;
        hooks.log = hook_log;
        hooks.error = hook_error;
        hooks.now_ns = hook_now_ns;
        hooks.random = hook_random;
        hooks.timer_schedule = hook_timer_schedule;
        hooks.timer_cancel = hook_timer_cancel;
        m->mod = clickos_module_open(m->def, &hooks);
        if (!m->mod)
            return errh->error("WebAssembly module %<%s%>: %s", m->def->name, clickos_module_open_error());
        // Click packets may share buffers (clones): the host must never write
        // into them, and a reader then costs no copy (see adopt()).
        clickos_module_set_shared_input(m->mod, 1);
    }
    ++m->refs;
    return 0;
}

void
ClickOSWasmElement::close_module()
{
    ClickOSWasmModule *m = _module;
    if (--m->refs == 0) {
        clickos_module_close(m->mod);
        m->mod = 0;
        delete[] m->by_eid;
        m->by_eid = 0;
        m->nby_eid = 0;
    }
}

void
ClickOSWasmElement::report_failure(int r, const char *what, ErrorHandler *errh, int nerrors_before)
{
    // Errors the module or host reported already reached errh through
    // hook_error; say something only if nothing was said.
    if (errh->nerrors() > nerrors_before)
        return;
    if (r == CLICKOS_HOST_ETRAP)
        errh->error("%s trapped: %s", what, clickos_module_last_trap(_module->mod));
    else if (r == CLICKOS_HOST_EDEAD)
        errh->error("%s: module %<%s%> is dead after a trap", what, _module->def->name);
    else
        errh->error("%s failed (host error %d)", what, r);
}

int
ClickOSWasmElement::configure(Vector<String> &conf, ErrorHandler *errh)
{
    if (open_module(errh) < 0)
        return -1;
    ClickOSWasmModule *m = _module;
    String ename = name();
    int before = errh->nerrors();
    ErrorScope scope(m, errh, ename.c_str());
    _eid = clickos_element_new(m->mod, _class_id, ename.c_str(), ninputs(), noutputs());
    if (_eid < 0) {
        report_failure(_eid, "element creation", errh, before);
        _eid = CLICKOS_NO_ELEMENT;
        close_module();
        return -1;
    }
    if (_eid >= m->nby_eid) {
        int n = m->nby_eid ? m->nby_eid * 2 : 16;
        while (n <= _eid)
            n *= 2;
        ClickOSWasmElement **t = new ClickOSWasmElement *[n];
        if (!t)
            return errh->error("out of memory");
        for (int i = 0; i < n; ++i)
            t[i] = i < m->nby_eid ? m->by_eid[i] : 0;
        delete[] m->by_eid;
        m->by_eid = t;
        m->nby_eid = n;
    }
    m->by_eid[_eid] = this;
    // The host's TRAP_POLICY keyword (as in the Node host) is taken out before
    // the module sees the configuration.
    Vector<String> rest;
    for (int i = 0; i < conf.size(); ++i) {
        const char *a = conf[i].data();
        int len = conf[i].length(), k = 0;
        while (k < len && (a[k] == ' ' || a[k] == '\t' || a[k] == '\n' || a[k] == '\r'))
            ++k;
        bool kw = len - k >= 11 && memcmp(a + k, "TRAP_POLICY", 11) == 0
            && (len - k == 11 || a[k + 11] == ' ' || a[k + 11] == '\t' || a[k + 11] == '\n' || a[k + 11] == '\r');
        if (!kw) {
            rest.push_back(conf[i]);
            continue;
        }
        clickos_trap_policy policy;
        if (clickos_trap_policy_parse(a + k + 11, len - k - 11, &policy) < 0)
            return errh->error("TRAP_POLICY must be one of restart, bypass, disable");
        clickos_element_set_trap_policy(m->mod, _eid, policy);
    }
    // Click split the configuration at commas keeping quotes and nesting;
    // cp_unargvec rejoins it, and the module re-splits it with Click's rules.
    String raw = cp_unargvec(rest);
    int r = clickos_element_configure(m->mod, _eid, raw.data(), raw.length());
    if (r < 0) {
        report_failure(r, "configure", errh, before);
        return -1;
    }
    return 0;
}

int
ClickOSWasmElement::initialize(ErrorHandler *errh)
{
    if (_eid < 0)
        return errh->error("not configured");
    String ename = name();
    int before = errh->nerrors();
    ErrorScope scope(_module, errh, ename.c_str());
    int r = clickos_element_initialize(_module->mod, _eid);
    if (r < 0) {
        report_failure(r, "initialize", errh, before);
        return -1;
    }
    find_run();
    // A class with a task runs it as Click runs an Unqueue's: scheduled now,
    // rescheduled after every run (ScheduleInfo's tickets apply).
    if (class_def()->task) {
        _task = new Task(this);
        if (!_task)
            return errh->error("out of memory");
        ScheduleInfo::initialize_task(this, _task, errh);
        if (ninputs() > 0 && input_is_pull(0))
            _signal = Notifier::upstream_empty_signal(this, 0, _task);
    }
    return 0;
}

void *
ClickOSWasmElement::cast(const char *name)
{
    if (strcmp(name, "ClickOSWasmElement") == 0)
        return this;
    return Element::cast(name);
}

// Fusion: the WebAssembly elements of this module that a packet leaving this
// element's output 0 reaches next, each through its input 0 (Click connects a
// push output to exactly one input), so one crossing runs them all — the
// host keeps the packet in module memory between them. Every element stays a
// Click element: its handlers, its name and its other ports are unchanged, and
// a packet that leaves the run anywhere else is pushed on by the element it
// left. Found once the router is connected (every element configured).
void
ClickOSWasmElement::find_run()
{
    _run[0] = this;
    _run_eids[0] = _eid;
    _nrun = 1;
    ClickOSWasmElement *cur = this;
    while (_nrun < MAX_RUN && cur->noutputs() >= 1 && cur->output_is_push(0) && cur->output(0).port() == 0) {
        ClickOSWasmElement *next = static_cast<ClickOSWasmElement *>(cur->output(0).element()->cast("ClickOSWasmElement"));
        if (!next || next->_module != _module || next->_eid < 0)
            break;
        for (int i = 0; i < _nrun; ++i)
            if (_run[i] == next)   // a loop back into the run
                return;
        _run[_nrun] = next;
        _run_eids[_nrun] = next->_eid;
        ++_nrun;
        cur = next;
    }
}

void
ClickOSWasmElement::cleanup(CleanupStage)
{
    if (_task) {
        _task->unschedule();
        delete _task;
        _task = 0;
    }
    drop_held();
    free_lend_arrays();
    if (_timers) {
        for (int i = 0; i < CLICKOS_HOST_MAX_TIMERS; ++i)
            delete _timers[i];
        delete[] _timers;
        _timers = 0;
    }
    if (_eid >= 0) {
        clickos_element_cleanup(_module->mod, _eid);
        _module->by_eid[_eid] = 0;
        _eid = CLICKOS_NO_ELEMENT;
        close_module();
    }
}

// ---- packets -----------------------------------------------------------------

void
ClickOSWasmElement::copy_emitted(Emitted &em, int n, const clickos_packet *emitted)
{
    em.n = 0;
    em.ps = em.ps_inline;
    em.ports = em.ports_inline;
    em.order = em.order_inline;
    if (n <= 0)
        return;
    if (n > EMITTED_INLINE) {
        em.ps = new Packet *[n];
        em.ports = new int[n];
        em.order = new uint32_t[n];
        if (!em.ps || !em.ports || !em.order) {
            delete[] em.ps;
            delete[] em.ports;
            delete[] em.order;
            em.ps = em.ps_inline;
            em.ports = em.ports_inline;
            em.order = em.order_inline;
            return;
        }
    }
    for (int i = 0; i < n; ++i) {
        const clickos_packet &e = emitted[i];
        WritablePacket *q = Packet::make(e.off, e.buf + e.off, e.len, e.cap - e.off - e.len);
        if (q)
            apply_meta(q, e, 0);
        em.ps[i] = q;
        em.ports[i] = e.port;
        em.order[i] = e.flags >> CLICKOS_ORDER_SHIFT;
    }
    em.n = n;
}

void
ClickOSWasmElement::deliver_emitted(Emitted &em)
{
    for (int i = 0; i < em.n; ++i)
        if (em.ps[i])
            deliver(em.ports[i], em.ps[i]);
    if (em.on_heap()) {
        delete[] em.ps;
        delete[] em.ports;
        delete[] em.order;
    }
}

// The sort key of a crossing's packet (ABI ORDER_SHIFT): the module's stamp;
// packets it never gave an output after the stamped ones; ties in batch order
// (inputs, then emitted: entry e).
static inline uint64_t
order_key(uint32_t stamp, int e)
{
    return ((stamp ? (uint64_t) stamp : (uint64_t) 1 << 32) << 12) | (uint64_t) e;
}

// Pushes the crossing's packets (k inputs, then the emitted ones; a null entry
// is gone) in the module's output order, so packets reach a point where two
// outputs meet again as they would from Click's own element.
void
ClickOSWasmElement::deliver_in_order(Packet **ps, const int *ports, const uint32_t *order, int k, Emitted &em)
{
    int total = k + em.n;
    bool sorted = true;
    for (int e = 1; e < total && sorted; ++e) {
        uint32_t a = e - 1 < k ? order[e - 1] : em.order[e - 1 - k];
        uint32_t b = e < k ? order[e] : em.order[e - k];
        sorted = order_key(a, e - 1) < order_key(b, e);
    }
    int *idx = sorted ? 0 : new int[total];
    if (!idx) {
        for (int i = 0; i < k; ++i)
            if (ps[i])
                deliver(ports[i], ps[i]);
        deliver_emitted(em);
        return;
    }
    // Insertion sort: batches are small (CHUNK inputs, a few emitted) and
    // usually already in order.
    for (int e = 0; e < total; ++e) {
        uint64_t key = order_key(e < k ? order[e] : em.order[e - k], e);
        int j = e;
        while (j > 0) {
            int p = idx[j - 1];
            if (order_key(p < k ? order[p] : em.order[p - k], p) <= key)
                break;
            idx[j] = p;
            --j;
        }
        idx[j] = e;
    }
    for (int t = 0; t < total; ++t) {
        int e = idx[t];
        if (e < k) {
            if (ps[e])
                deliver(ports[e], ps[e]);
        } else if (em.ps[e - k])
            deliver(em.ports[e - k], em.ps[e - k]);
    }
    delete[] idx;
    if (em.on_heap()) {
        delete[] em.ps;
        delete[] em.ports;
        delete[] em.order;
    }
}

void
ClickOSWasmElement::deliver(int port, Packet *p)
{
    // Only push outputs can take a packet the element chose to send.
    if (port >= 0 && port < noutputs() && output_is_push(port))
        output(port).push(p);
    else
        p->kill();
}

void
ClickOSWasmElement::run(int port, Packet **ps, int n)
{
    clickos_packet cp[CHUNK];
    Given before[CHUNK];
    for (int i = 0; i < n; ++i)
        fill(cp[i], before[i], ps[i]);   // no uniqueify: the host writes no packet buffer
    if (n == 0)
        return;
    const clickos_packet *emitted = 0;
    int r = (_eid >= 0) ? clickos_push(_module->mod, _eid, port, cp, n, &emitted) : CLICKOS_HOST_EINVAL;
    finish(ps, cp, before, n, r, emitted);
}

// After a crossing of k packets that returned r: reports what a trap blamed,
// brings every packet back (or kills it) and delivers them and the emitted
// packets in the module's output order.
void
ClickOSWasmElement::finish(Packet **ps, const clickos_packet *cp, const Given *before, int k, int r, const clickos_packet *emitted)
{
    // A trap was counted ("traps" handler) and the module re-instantiated; the
    // host ran the rest of the batch again, so only the packets it blamed are
    // dropped (CLICKOS_DROP). Any other failure drops them all.
    if (r == CLICKOS_HOST_ETRAP || r >= 0) {
        const uint16_t *blamed;
        uint32_t nb = clickos_push_blamed(_module->mod, &blamed);
        for (uint32_t b = 0; b < nb; ++b)
            click_chatter("%s: trap: %s (packet %u of %d, timestamp %u.%09u, dropped)", name().c_str(),
                          clickos_module_last_trap(_module->mod), (unsigned) blamed[b] + 1, k,
                          (unsigned) (cp[blamed[b]].timestamp_ns / 1000000000), (unsigned) (cp[blamed[b]].timestamp_ns % 1000000000));
        if (r == CLICKOS_HOST_ETRAP && nb == 0)
            click_chatter("%s: trap: %s (packets dropped)", name().c_str(), clickos_module_last_trap(_module->mod));
    }
    // Emitted packets live in module memory: turn them into Click packets
    // before anything downstream can call into this module again.
    Emitted em;
    copy_emitted(em, r, emitted);
    int ports[CHUNK];
    uint32_t order[CHUNK];
    for (int i = 0; i < k; ++i) {
        const clickos_packet &c = cp[i];
        ports[i] = c.port;
        order[i] = c.flags >> CLICKOS_ORDER_SHIFT;
        if (r < 0 || c.port < 0) {
            ps[i]->kill();
            ps[i] = 0;
            continue;
        }
        ps[i] = adopt(ps[i], c, before[i]);
    }
    deliver_in_order(ps, ports, order, k, em);
}

void
ClickOSWasmElement::push(int port, Packet *p)
{
    // Upstream Click hands one packet per push: the single-packet crossing
    // (clickos_push_one). The common case — no trap, nothing emitted — needs
    // no ordering and no bookkeeping: the packet comes back and goes on.
    clickos_packet cp;
    Given before;
    fill(cp, before, p);
    const clickos_packet *emitted = 0;
    uint32_t k = 0;
    int r = (_eid < 0) ? CLICKOS_HOST_EINVAL
        : _nrun > 1 ? clickos_push_one_chain(_module->mod, _run_eids, _nrun, port, &cp, &k, &emitted)
        : clickos_push_one(_module->mod, _eid, port, &cp, &emitted);
    // The packet (and anything emitted) goes on from the element of the run it left.
    ClickOSWasmElement *from = k < (uint32_t) _nrun ? _run[k] : this;
    const uint16_t *blamed;
    if (r == 0 && clickos_push_blamed(_module->mod, &blamed) == 0) {
        if (cp.port < 0)
            p->kill();
        else if ((p = adopt(p, cp, before)))
            from->deliver(cp.port, p);
        return;
    }
    from->finish(&p, &cp, &before, 1, r, emitted);
}

Packet *
ClickOSWasmElement::pull(int port)
{
    if (pulls_itself(port))
        return own_pull(port);
    // Pull path of an agnostic element: pull one packet from input 0, run it,
    // and return it if the module chose this output; anything else goes to
    // push outputs or is dropped (the ABI has no pull export).
    Packet *q = input(0).pull();
    if (!q)
        return 0;
    clickos_packet cp;
    Given before;
    fill(cp, before, q);
    const clickos_packet *emitted = 0;
    int r = (_eid >= 0) ? clickos_push_one(_module->mod, _eid, 0, &cp, &emitted) : CLICKOS_HOST_EINVAL;
    if (r == CLICKOS_HOST_ETRAP)
        click_chatter("%s: trap: %s (packet dropped)", name().c_str(), clickos_module_last_trap(_module->mod));
    // Emitted packets cannot be returned from a pull: they go to push outputs.
    // Both they and the pulled packet are taken out of the module (copy_emitted,
    // adopt) before anything is delivered: a delivery can call into the module
    // again, after which what it staged is gone.
    Emitted em;
    copy_emitted(em, r, emitted);
    if (r < 0 || cp.port < 0) {
        q->kill();
        q = 0;
    } else
        q = adopt(q, cp, before);
    deliver_in_order(0, 0, 0, 0, em);
    if (!q)
        return 0;
    if (cp.port == port)
        return q;
    deliver(cp.port, q);
    return 0;
}

#if HAVE_BATCH
void
ClickOSWasmElement::push_batch(int port, PacketBatch *batch)
{
    // Batching Click (FastClick): up to CHUNK packets per crossing.
    Packet *ps[CHUNK];
    Packet *p = batch->first();
    while (p) {
        int n = 0;
        while (p && n < CHUNK) {
            Packet *next = p->next();
            p->set_next(0);
            ps[n++] = p;
            p = next;
        }
        run(port, ps, n);
    }
}
#endif

// ---- pull outputs and tasks ------------------------------------------------------

// Does the class answer pulls on output `port` itself ("l" in its processing
// code, the last letter repeating as in Click's processing_vector)?
bool
ClickOSWasmElement::pulls_itself(int port) const
{
    const char *code = class_def()->processing;
    const char *slash = strchr(code, '/');
    const char *outs = slash ? slash + 1 : code;
    int n = (int) strlen(outs);
    if (n == 0)
        return false;
    return outs[port < n ? port : n - 1] == 'l';
}

bool
ClickOSWasmElement::lend_arrays()
{
    if (_lent)
        return true;
    _lent = new Packet *[CLICKOS_MAX_LEND];
    _lent_port = new int[CLICKOS_MAX_LEND];
    _held = new Packet *[CLICKOS_MAX_LEND];
    _held_port = new int[CLICKOS_MAX_LEND];
    if (_lent && _lent_port && _held && _held_port)
        return true;
    free_lend_arrays();
    return false;
}

void
ClickOSWasmElement::free_lend_arrays()
{
    delete[] _lent;
    delete[] _lent_port;
    delete[] _held;
    delete[] _held_port;
    _lent = _held = 0;
    _lent_port = _held_port = 0;
}

// The oldest packet a trap gave back on input `port`, or null.
Packet *
ClickOSWasmElement::take_held(int port)
{
    for (int i = 0; i < _nheld; ++i)
        if (_held_port[i] == port) {
            Packet *p = _held[i];
            for (int j = i + 1; j < _nheld; ++j) {
                _held[j - 1] = _held[j];
                _held_port[j - 1] = _held_port[j];
            }
            --_nheld;
            return p;
        }
    return 0;
}

// clickos.input_pull, through the host: Click's input(port).pull(), packets a
// trap gave back first. The packet stays ours until the call returns
// (settle_lent), so a trap need not lose it.
int
ClickOSWasmElement::lend_pull(void *ctx, int port, clickos_packet *cp)
{
    ClickOSWasmElement *e = static_cast<ClickOSWasmElement *>(ctx);
    if (port < 0 || port >= e->ninputs() || !e->input_is_pull(port) || !e->_lent || e->_nlent >= CLICKOS_MAX_LEND)
        return 0;
    Packet *p = e->take_held(port);
    if (!p)
        p = e->input(port).pull();
    if (!p)
        return 0;
    Given given;
    fill(*cp, given, p);
    e->_lent[e->_nlent] = p;
    e->_lent_port[e->_nlent] = port;
    ++e->_nlent;
    return 1;
}

// After an own pull or task call (result r): the lent packets came back as new
// ones, or were dropped. After a trap, the one it is blamed on is lost and the
// others go back, in order, in front of what was held (unless the element is
// now disabled by its trap policy: then they are dropped).
void
ClickOSWasmElement::settle_lent(int r)
{
    int blamed = r == CLICKOS_HOST_ETRAP ? clickos_own_call_blamed(_module->mod) : -1;
    bool give_back = r == CLICKOS_HOST_ETRAP && clickos_element_trap_state(_module->mod, _eid)[0] != 'd';
    int back = 0;
    for (int i = 0; i < _nlent; ++i) {
        if (give_back && i != blamed) {
            _lent[back] = _lent[i];
            _lent_port[back] = _lent_port[i];
            ++back;
        } else
            _lent[i]->kill();
    }
    if (back) {
        // Room: held and lent together never exceed what one call may lend.
        int keep = _nheld + back <= CLICKOS_MAX_LEND ? _nheld : CLICKOS_MAX_LEND - back;
        for (int i = keep; i < _nheld; ++i)
            _held[i]->kill();
        for (int i = keep - 1; i >= 0; --i) {
            _held[i + back] = _held[i];
            _held_port[i + back] = _held_port[i];
        }
        for (int i = 0; i < back; ++i) {
            _held[i] = _lent[i];
            _held_port[i] = _lent_port[i];
        }
        _nheld = keep + back;
    }
    _nlent = 0;
}

void
ClickOSWasmElement::drop_held()
{
    for (int i = 0; i < _nheld; ++i)
        _held[i]->kill();
    _nheld = 0;
}

// Of what a pull call emitted, the packet the pull returns: the first for
// `port` in the module's output order. It leaves `em`; the rest is delivered.
Packet *
ClickOSWasmElement::take_pulled(int port, Emitted &em)
{
    int best = -1;
    uint64_t best_key = 0;
    for (int i = 0; i < em.n; ++i)
        if (em.ps[i] && em.ports[i] == port) {
            uint64_t k = order_key(em.order[i], i);
            if (best < 0 || k < best_key) {
                best = i;
                best_key = k;
            }
        }
    if (best < 0)
        return 0;
    Packet *q = em.ps[best];
    em.ps[best] = 0;
    return q;
}

Packet *
ClickOSWasmElement::own_pull(int port)
{
    if (_eid < 0)
        return 0;
    // Tripped by its trap policy: bypass passes pulls through (what a trap gave
    // back first), disable gives nothing.
    const char *state = clickos_element_trap_state(_module->mod, _eid);
    if (state[0] == 'b') {
        Packet *p = take_held(0);
        return p ? p : ninputs() > 0 && input_is_pull(0) ? input(0).pull() : 0;
    }
    if (state[0] == 'd') {
        drop_held();
        return 0;
    }
    if (!lend_arrays())
        return 0;
    clickos_lender lender = { this, lend_pull, 0 };   // lent packets are kept until settle_lent
    const clickos_packet *emitted = 0;
    int r = clickos_pull(_module->mod, _eid, port, &lender, &emitted);
    if (r == CLICKOS_HOST_ETRAP)
        click_chatter("%s: trap in pull: %s (the packet it was working on is dropped)", name().c_str(), clickos_module_last_trap(_module->mod));
    // Out of the module first (copy_emitted), then the lent packets settled.
    Emitted em;
    copy_emitted(em, r, emitted);
    settle_lent(r);
    if (r <= 0)
        return 0;
    // Everything is taken out of the module before anything is delivered: a
    // delivery can call into the module again.
    Packet *q = take_pulled(port, em);
    deliver_in_order(0, 0, 0, 0, em);
    return q;
}

bool
ClickOSWasmElement::run_task(Task *)
{
    if (_eid < 0)
        return false;
    const char *state = clickos_element_trap_state(_module->mod, _eid);
    if (state[0] != 'a') {
        drop_held();
        return false;   // bypassed or disabled by its trap policy: the task stops
    }
    if (!lend_arrays())
        return false;
    clickos_lender lender = { this, lend_pull, 0 };   // lent packets are kept until settle_lent
    const clickos_packet *emitted = 0;
    int worked = 0;
    int r = clickos_task_run(_module->mod, _eid, &lender, &worked, &emitted);
    if (r == CLICKOS_HOST_ETRAP)
        click_chatter("%s: trap in task: %s (the packet it was working on is dropped)", name().c_str(), clickos_module_last_trap(_module->mod));
    Emitted em;
    copy_emitted(em, r, emitted);
    settle_lent(r);
    if (r > 0)
        deliver_in_order(0, 0, 0, 0, em);
    // Packets given back after a trap are work waiting.
    if (_nheld)
        worked = 1;
    // Nothing done and nothing upstream: sleep until the upstream notifier
    // wakes the task (a source with no pull input always runs again).
    if (worked || _signal)
        _task->fast_reschedule();
    return worked != 0;
}

// ---- timers --------------------------------------------------------------------

void
ClickOSWasmElement::schedule_timer(uint32_t timer, uint64_t delay_ns)
{
    if (timer >= CLICKOS_HOST_MAX_TIMERS)
        return;
    if (!_timers) {
        _timers = new WasmTimer *[CLICKOS_HOST_MAX_TIMERS];
        if (!_timers)
            return;
        for (int i = 0; i < CLICKOS_HOST_MAX_TIMERS; ++i)
            _timers[i] = 0;
    }
    if (!_timers[timer]) {
        _timers[timer] = new WasmTimer(this, timer);
        if (!_timers[timer])
            return;
        _timers[timer]->timer.initialize(this);
    }
    _timers[timer]->timer.schedule_after(Timestamp::make_nsec((Timestamp::seconds_type) (delay_ns / 1000000000), (uint32_t) (delay_ns % 1000000000)));
}

void
ClickOSWasmElement::cancel_timer(uint32_t timer)
{
    if (_timers && timer < CLICKOS_HOST_MAX_TIMERS && _timers[timer])
        _timers[timer]->timer.unschedule();
}

void
ClickOSWasmElement::fire_timer(uint32_t timer)
{
    if (_eid < 0)
        return;
    const clickos_packet *emitted = 0;
    int r = clickos_timer_fire(_module->mod, _eid, timer, &emitted);
    if (r == CLICKOS_HOST_ETRAP)
        click_chatter("%s: trap in timer %u: %s", name().c_str(), timer, clickos_module_last_trap(_module->mod));
    if (r <= 0)
        return;
    Emitted em;
    copy_emitted(em, r, emitted);
    deliver_in_order(0, 0, 0, 0, em);
}

// ---- handlers ------------------------------------------------------------------

enum { BUILTIN_TRAPS = 0, BUILTIN_LAST_TRAP = 1, BUILTIN_TRAP_POLICY = 2, BUILTIN_TRAP_STATE = 3, BUILTIN_FUSED = 4 };

String
ClickOSWasmElement::read_handler(Element *e, void *thunk)
{
    ClickOSWasmElement *we = static_cast<ClickOSWasmElement *>(e);
    const clickos_handler_def *h = static_cast<const clickos_handler_def *>(thunk);
    if (we->_eid < 0 || !we->_module->mod)
        return String();
    char buf[256];
    long n = clickos_handler_read(we->_module->mod, we->_eid, h->name, buf, sizeof(buf));
    if (n < 0)
        return String();
    if ((size_t) n < sizeof(buf))
        return String(buf, (int) n);
    // Long value: read again into a buffer of the full size.
    char *big = new char[n + 1];
    if (!big)
        return String();
    long m = clickos_handler_read(we->_module->mod, we->_eid, h->name, big, n + 1);
    String s = m < 0 ? String() : String(big, (int) (m < n ? m : n));
    delete[] big;
    return s;
}

int
ClickOSWasmElement::write_handler(const String &s, Element *e, void *thunk, ErrorHandler *errh)
{
    ClickOSWasmElement *we = static_cast<ClickOSWasmElement *>(e);
    const clickos_handler_def *h = static_cast<const clickos_handler_def *>(thunk);
    if (we->_eid < 0 || !we->_module->mod)
        return errh->error("not configured");
    String ename = we->name();
    int before = errh->nerrors();
    ErrorScope scope(we->_module, errh, ename.c_str());
    int r = clickos_handler_write(we->_module->mod, we->_eid, h->name, s.data(), s.length());
    if (r < 0) {
        we->report_failure(r, "handler write", errh, before);
        return -EINVAL;
    }
    return 0;
}

String
ClickOSWasmElement::read_builtin(Element *e, void *thunk)
{
    ClickOSWasmElement *we = static_cast<ClickOSWasmElement *>(e);
    clickos_module *mod = we->_module->mod;
    switch ((int) (intptr_t) thunk) {
    case BUILTIN_TRAPS:
        // Traps are counted per module: every element of the module shares it.
        return String((unsigned long long) (mod ? clickos_module_traps(mod) : 0));
    case BUILTIN_LAST_TRAP:
        return String(mod ? clickos_module_last_trap(mod) : "");
    case BUILTIN_TRAP_POLICY:
        return String(clickos_trap_policy_name(mod && we->_eid >= 0 ? clickos_element_trap_policy(mod, we->_eid) : CLICKOS_TRAP_RESTART));
    case BUILTIN_TRAP_STATE:
        return String(mod && we->_eid >= 0 ? clickos_element_trap_state(mod, we->_eid) : "");
    case BUILTIN_FUSED: {
        // The elements a packet pushed here crosses in one go, this one first.
        StringAccum sa;
        for (int i = 0; i < we->_nrun; ++i)
            sa << (i ? " " : "") << we->_run[i]->name();
        return sa.take_string();
    }
    }
    return String();
}

int
ClickOSWasmElement::write_trap_policy(const String &s, Element *e, void *, ErrorHandler *errh)
{
    ClickOSWasmElement *we = static_cast<ClickOSWasmElement *>(e);
    clickos_trap_policy policy;
    if (we->_eid < 0 || !we->_module->mod)
        return errh->error("not configured");
    if (clickos_trap_policy_parse(s.data(), s.length(), &policy) < 0)
        return errh->error("trap_policy: expected restart, bypass or disable");
    // Writing a policy re-arms an element its policy had tripped.
    clickos_element_set_trap_policy(we->_module->mod, we->_eid, policy);
    return 0;
}

void
ClickOSWasmElement::add_handlers()
{
    const clickos_class_def *c = class_def();
    bool has_traps = false, has_last = false;
    for (uint32_t i = 0; i < c->nhandlers; ++i) {
        const clickos_handler_def *h = &c->handlers[i];
        String hname(h->name);
        if (h->flags & CLICKOS_HANDLER_READ)
            add_read_handler(hname, read_handler, (const void *) h);
        if (h->flags & CLICKOS_HANDLER_WRITE)
            add_write_handler(hname, write_handler, (const void *) h);
        has_traps |= (strcmp(h->name, "traps") == 0);
        has_last |= (strcmp(h->name, "last_trap") == 0);
    }
    // A class's own handler of the same name wins over the built-in one.
    if (!has_traps)
        add_read_handler(String("traps"), read_builtin, (const void *) (intptr_t) BUILTIN_TRAPS);
    if (!has_last)
        add_read_handler(String("last_trap"), read_builtin, (const void *) (intptr_t) BUILTIN_LAST_TRAP);
    add_read_handler(String("trap_policy"), read_builtin, (const void *) (intptr_t) BUILTIN_TRAP_POLICY);
    add_write_handler(String("trap_policy"), write_trap_policy, 0);
    add_read_handler(String("trap_state"), read_builtin, (const void *) (intptr_t) BUILTIN_TRAP_STATE);
    add_read_handler(String("fused"), read_builtin, (const void *) (intptr_t) BUILTIN_FUSED);
}

CLICK_ENDDECLS

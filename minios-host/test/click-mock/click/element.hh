#ifndef CLICK_MOCK_ELEMENT_HH
#define CLICK_MOCK_ELEMENT_HH
#include <click/config.h>
#include <click/string.hh>
#include <click/vector.hh>
#include <click/packet.hh>
#include <click/handler.hh>
class ErrorHandler;
class Task;
#if HAVE_BATCH
class PacketBatch;
#endif
class Element { public:
    Element();
    virtual ~Element();
    virtual void push(int port, Packet *p);
    virtual Packet *pull(int port);
#if HAVE_BATCH
    virtual void push_batch(int port, PacketBatch *batch);
#endif
    virtual const char *class_name() const = 0;
    virtual const char *port_count() const;
    virtual const char *processing() const;
    virtual const char *flow_code() const;
    enum CleanupStage { CLEANUP_NO_ROUTER, CLEANUP_CONFIGURE_FAILED, CLEANUP_CONFIGURED,
                        CLEANUP_INITIALIZE_FAILED, CLEANUP_INITIALIZED, CLEANUP_ROUTER_INITIALIZED, CLEANUP_MANUAL };
    virtual int configure(Vector<String> &conf, ErrorHandler *errh);
    virtual void add_handlers();
    virtual int initialize(ErrorHandler *errh);
    virtual void cleanup(CleanupStage stage);
    virtual void *cast(const char *name);
    virtual bool run_task(Task *task);
    String name() const;
    int ninputs() const;
    int noutputs() const;
    bool output_is_push(int port) const;
    bool input_is_pull(int port) const;
    class Port { public:
        void push(Packet *p) const;
        Packet *pull() const;
        Element *element() const;
        int port() const;
    };
    const Port &input(int port) const;
    const Port &output(int port) const;
    void checked_output_push(int port, Packet *p) const;
    void add_read_handler(const String &name, ReadHandlerCallback cb, const void *user_data = 0, uint32_t flags = 0);
    void add_write_handler(const String &name, WriteHandlerCallback cb, const void *user_data = 0, uint32_t flags = 0);
  private:
    Element(const Element &);
    Element &operator=(const Element &);
};
#endif

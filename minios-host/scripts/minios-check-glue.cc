// C++ side of the MiniOS compile check: the shape of a generated Click element
// class that owns a wasm2c module instance (module name "clickos_check",
// generated from minios-check.wat at check time). Compiled with ClickOS's
// -fno-exceptions -fno-rtti -fno-threadsafe-statics and newlib headers only;
// never linked or run, only its undefined symbols are checked.
#include "clickos_check.h"
#include "clickos-rt.h"

// Imports: the generated header declares one C function per import and passes
// back a pointer to the embedder-defined struct of each import module.
struct Z_clickos_instance_t {
  unsigned log_calls;
  u32 last_len;
};
struct Z_env_instance_t {
  unsigned aborts;
};

extern "C" void Z_clickosZ_log(struct Z_clickos_instance_t* self, u32 ptr, u32 len) {
  (void)ptr;
  self->log_calls++;
  self->last_len = len;
}

extern "C" void Z_envZ_abort(struct Z_env_instance_t* self, u32 msg, u32 file, u32 line, u32 col) {
  (void)msg;
  (void)file;
  (void)line;
  (void)col;
  self->aborts++;
  clickos_rt_trap(CLICKOS_RT_TRAP_UNREACHABLE);  // AssemblyScript abort() is a trap
}

namespace {

class WasmElementShim {
 public:
  WasmElementShim() : instantiated_(false), traps_(0), last_(CLICKOS_RT_TRAP_NONE) {
    clickos_.log_calls = 0;
    clickos_.last_len = 0;
    env_.aborts = 0;
  }

  // Virtual like Click's Element methods (a vtable but no RTTI). No virtual
  // destructor: its deleting variant would need operator delete.
  virtual int simple_action(u32 offset, u32 length);

  bool initialize() {
    unsigned char* p = reinterpret_cast<unsigned char*>(&inst_);
    for (unsigned i = 0; i < sizeof inst_; ++i) p[i] = 0;
    last_ = clickos_rt_call(&WasmElementShim::do_instantiate, this);
    instantiated_ = (last_ == CLICKOS_RT_TRAP_NONE);
    if (!instantiated_) Z_clickos_check_free(&inst_);
    return instantiated_;
  }

  void cleanup() {
    if (instantiated_) Z_clickos_check_free(&inst_);
    instantiated_ = false;
  }

  unsigned traps() const { return traps_; }

 private:
  struct Batch {
    WasmElementShim* self;
    u32 offset, length, result;
  };

  static void do_instantiate(void* arg) {
    WasmElementShim* self = static_cast<WasmElementShim*>(arg);
    Z_clickos_check_instantiate(&self->inst_, &self->clickos_, &self->env_);
  }

  static void do_batch(void* arg) {
    Batch* b = static_cast<Batch*>(arg);
    b->result = Z_clickos_checkZ_checksum(&b->self->inst_, b->offset, b->length);
  }

  Z_clickos_check_instance_t inst_;
  struct Z_clickos_instance_t clickos_;
  struct Z_env_instance_t env_;
  bool instantiated_;
  unsigned traps_;
  clickos_rt_trap_t last_;
};

int WasmElementShim::simple_action(u32 offset, u32 length) {
  Batch b = {this, offset, length, 0};
  last_ = clickos_rt_call(&WasmElementShim::do_batch, &b);
  if (last_ != CLICKOS_RT_TRAP_NONE) {
    // Contain the trap: drop the packet, re-create the instance.
    traps_++;
    cleanup();
    initialize();
    return -1;
  }
  return static_cast<int>(b.result & 1);
}

WasmElementShim& shim() {
  static WasmElementShim s;  // function-local static: no __cxa_guard_* with -fno-threadsafe-statics
  return s;
}

}  // namespace

extern "C" int clickos_check_element_run(u32 offset, u32 length) {
  static bool initialized = false;
  if (!initialized) {
    wasm_rt_init();
    Z_clickos_check_init_module();
    clickos_rt_set_max_pages(16);
    if (!shim().initialize()) return -2;
    initialized = true;
  }
  return shim().simple_action(offset, length);
}

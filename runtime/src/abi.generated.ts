// Generated from sdk/abi/abi.json by sdk/scripts/gen-abi.mjs. Do not edit.

export const ABI_VERSION = 1;
export const META_SECTION = "clickos.meta";
/** Output port value meaning: drop the packet. */
export const DROP = -1;
/** Status: success. */
export const OK = 0;
/** Status: failure; messages were reported through clickos.error first. */
export const ERR = -1;
/** Most descriptors the host passes in one crossing. */
export const MAX_BATCH = 256;
/** Most packets an element may create (Packet.make, clone) in one crossing; past it they return null. */
export const MAX_EMIT = 1024;
/** Most elements one clickos_push_run call runs (fusion). */
export const RUN_MAX = 16;
/** clickos_push_run result: the index of the element the packet left in the low bits, the number it emitted from this bit up. */
export const RUN_EMITTED_SHIFT = 8;
/** Most packets clickos.input_pull lends an element in one clickos_pull or clickos_task_run call; past it input_pull returns 0 (the bound on what one call can hold). */
export const MAX_LEND = 256;
/** clickos_task_run result bit: the task did work (Click's run_task returning true); the low bits are the number of packets emitted. */
export const TASK_WORKED = 1073741824;
/** Headroom the host leaves before each packet's data. */
export const DEFAULT_HEADROOM = 64;
/** Tailroom the host leaves after each packet's data. */
export const DEFAULT_TAILROOM = 64;
/** Bytes of annotation area per packet, as in Click. */
export const ANNO_SIZE = 48;
/** Annotation offset of the destination IPv4 (4 bytes) or IPv6 (16 bytes) address. */
export const ANNO_DST_IP = 0;
/** Annotation offset of Click's user annotation area (32 bytes). */
export const ANNO_USER = 16;
/** Annotation offset of the paint byte (user annotation byte 0, as in Click). */
export const ANNO_PAINT = 16;
/** Header offset value meaning: not set. */
export const NO_HEADER = -1;
/** Descriptor flag: the element created this packet (not from the input batch). */
export const FLAG_EMITTED = 1;
/** Descriptor flag: the module changed the annotation area. A host may skip copying annotations back when it is clear, so a module must set it whenever it writes annotations (the SDK's Packet setters do). */
export const FLAG_ANNO = 2;
/** Descriptor flags bits 8-31 hold the packet's output order in this crossing: the element's n-th Packet.setOutput (emit, simpleAction's result) stamps n, from 1; 0 means the element never gave the packet an output (it keeps port 0). Hosts deliver a crossing's packets, input and emitted alike, in this order, unstamped ones after the others in batch order, so packets leave in the order Click's element would have pushed them. The SDK clears these bits on the input descriptors when a crossing starts. */
export const ORDER_SHIFT = 8;
/** Most bytes of text one handler read may give the host (pieces through clickos.handler_text and the returned value together); past it the read fails. */
export const HANDLER_TEXT_MAX = 67108864;
/** Work units (function calls and loop iterations) a module may spend in one call from the host, unless its clickos.meta asks for another budget; also the budget of its start function. About 10M iterations: tens of milliseconds, far above what a batch of jumbo frames needs. */
export const FUEL_DEFAULT = 10000000;
/** The largest per-call budget a host grants, whatever clickos.meta asks for: the bound on one crossing (the hosts' watchdog). Handler calls (clickos_handler_read, clickos_handler_write) always get it: they are control plane, and a table of any size must print. */
export const FUEL_MAX = 100000000;
/** Log level. */
export const LOG_DEBUG = 0;
/** Log level. */
export const LOG_INFO = 1;
/** Log level. */
export const LOG_WARNING = 2;
/** Log level. */
export const LOG_ERROR = 3;
/** Handler flag: readable. */
export const HANDLER_READ = 1;
/** Handler flag: writable. */
export const HANDLER_WRITE = 2;
/** One packet in a batch. The host writes an array of descriptors and the packet buffers into module memory (clickos_arena); the element reads and updates them in place. All offsets are byte offsets into the module's linear memory; header offsets are relative to buf so that pushing or pulling data keeps them valid. */
export const DESC_SIZE = 96;
/** Start of the packet buffer (first headroom byte). (u32) */
export const DESC_BUF = 0;
/** Capacity of the buffer in bytes (headroom + data + tailroom). (u32) */
export const DESC_CAP = 4;
/** First data byte; headroom = data - buf. (u32) */
export const DESC_DATA = 8;
/** Data length; tailroom = buf + cap - data - len. (u32) */
export const DESC_LEN = 12;
/** Output port chosen by the element, or DROP. The host sets it to 0 before the call. (i32) */
export const DESC_PORT = 16;
/** FLAG_* bits. (u32) */
export const DESC_FLAGS = 20;
/** MAC header offset from buf, or NO_HEADER. (i32) */
export const DESC_MAC = 24;
/** Network header offset from buf, or NO_HEADER. (i32) */
export const DESC_NET = 28;
/** Transport header offset from buf, or NO_HEADER. (i32) */
export const DESC_TRANSPORT = 32;
/** Click's packet type annotation (HOST 0, BROADCAST 1, MULTICAST 2, OTHERHOST 3, OUTGOING 4). (u32) */
export const DESC_PACKET_TYPE = 36;
/** Timestamp annotation, nanoseconds since the Unix epoch. (i64) */
export const DESC_TIMESTAMP_NS = 40;
/** Click's annotation area (ANNO_SIZE bytes): destination IP at ANNO_DST_IP, user annotations from ANNO_USER, paint at ANNO_PAINT. (u8[48]) */
export const DESC_ANNO = 48;

export type WasmType = "i32" | "i64" | "f32" | "f64";
export interface AbiFunction { name: string; params: WasmType[]; results: WasmType[]; optional?: boolean; hostAdded?: boolean; }
/** Functions modules export (besides `memory`); `optional` ones may be absent; `hostAdded` ones the host adds itself (a module's own is dropped). */
export const EXPORTS: readonly AbiFunction[] = [
  {
    "name": "clickos_abi_version",
    "params": [],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_scratch",
    "params": [
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_arena_alloc",
    "params": [
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_arena_free",
    "params": [
      "i32"
    ],
    "results": []
  },
  {
    "name": "clickos_element_new",
    "params": [
      "i32",
      "i32",
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_element_configure",
    "params": [
      "i32",
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_element_initialize",
    "params": [
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_element_cleanup",
    "params": [
      "i32"
    ],
    "results": []
  },
  {
    "name": "clickos_push",
    "params": [
      "i32",
      "i32",
      "i32",
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_push_run",
    "params": [
      "i32",
      "i32",
      "i32",
      "i32"
    ],
    "results": [
      "i32"
    ],
    "optional": true
  },
  {
    "name": "clickos_emitted",
    "params": [],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_timer_fire",
    "params": [
      "i32",
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_pull",
    "params": [
      "i32",
      "i32"
    ],
    "results": [
      "i32"
    ],
    "optional": true
  },
  {
    "name": "clickos_task_run",
    "params": [
      "i32"
    ],
    "results": [
      "i32"
    ],
    "optional": true
  },
  {
    "name": "clickos_handler_read",
    "params": [
      "i32",
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_handler_write",
    "params": [
      "i32",
      "i32",
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "name": "clickos_fuel_set",
    "params": [
      "i64"
    ],
    "results": [
      "i64"
    ],
    "optional": true,
    "hostAdded": true
  }
];
/** Argument types a clickos.meta argument may declare. */
export const ARG_TYPES: readonly string[] = ["int","unsigned","i64","u64","double","bool","string","word","ip","ip6","ipPrefix","ether","interval","bandwidth"];
/** The clickos.meta custom section (UTF-8 JSON) every module carries. Hosts, the native build, docs and inspect validate it against this schema before using any of it: no field outside the schema, every name matched by its pattern, every number an integer in range. `unique` lists fields no two items may share; `indexed` means each item's id equals its position. */
export const META_SCHEMA = {
  "type": "object",
  "fields": {
    "abi": {
      "type": "integer",
      "min": 0,
      "max": 65535
    },
    "sdk": {
      "type": "string",
      "pattern": "^[0-9A-Za-z.+-]{1,64}$"
    },
    "package": {
      "type": "object",
      "optional": true,
      "fields": {
        "name": {
          "type": "string",
          "pattern": "^(?:@[A-Za-z0-9._~-]{1,100}/)?[A-Za-z0-9._~-]{1,214}$"
        },
        "version": {
          "type": "string",
          "pattern": "^[0-9A-Za-z.+-]{1,64}$"
        }
      }
    },
    "runtime": {
      "type": "string",
      "optional": true,
      "enum": [
        "minimal",
        "incremental",
        "stub"
      ]
    },
    "fuel": {
      "type": "integer",
      "min": 1,
      "max": 100000000,
      "optional": true
    },
    "classes": {
      "type": "array",
      "maxItems": 1024,
      "indexed": "id",
      "unique": [
        "name"
      ],
      "items": {
        "type": "object",
        "fields": {
          "id": {
            "type": "integer",
            "min": 0,
            "max": 1023
          },
          "name": {
            "type": "string",
            "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,127}$"
          },
          "ports": {
            "type": "string",
            "pattern": "^(?:\\d{1,4}|\\d{1,4}-\\d{0,4}|-\\d{0,4}|=)(?:/(?:\\d{1,4}|\\d{1,4}-\\d{0,4}|-\\d{0,4}|=))?$"
          },
          "processing": {
            "type": "string",
            "pattern": "^[ahl]{1,64}(?:/[ahl]{1,64})?$"
          },
          "flowCode": {
            "type": "string",
            "optional": true,
            "pattern": "^(?:[a-zA-Z#]|\\[\\^?[a-zA-Z]{1,26}\\]){1,64}(?:/(?:[a-zA-Z#]|\\[\\^?[a-zA-Z]{1,26}\\]){1,64})?$"
          },
          "task": {
            "type": "boolean",
            "optional": true
          },
          "args": {
            "type": "array",
            "maxItems": 64,
            "unique": [
              "name"
            ],
            "items": {
              "type": "object",
              "fields": {
                "name": {
                  "type": "string",
                  "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$"
                },
                "type": {
                  "type": "string",
                  "enum": "argTypes"
                },
                "required": {
                  "type": "boolean"
                },
                "positional": {
                  "type": "boolean"
                },
                "default": {
                  "type": "string",
                  "optional": true,
                  "maxLength": 4096
                },
                "doc": {
                  "type": "string",
                  "optional": true,
                  "maxLength": 65536
                }
              }
            }
          },
          "handlers": {
            "type": "array",
            "maxItems": 256,
            "unique": [
              "name",
              "id"
            ],
            "items": {
              "type": "object",
              "fields": {
                "name": {
                  "type": "string",
                  "pattern": "^[A-Za-z_][A-Za-z0-9_.]{0,63}$"
                },
                "id": {
                  "type": "integer",
                  "min": 0,
                  "max": 65535
                },
                "read": {
                  "type": "boolean"
                },
                "write": {
                  "type": "boolean"
                },
                "type": {
                  "type": "string",
                  "pattern": "^[A-Za-z0-9_]{1,32}$"
                },
                "doc": {
                  "type": "string",
                  "optional": true,
                  "maxLength": 65536
                }
              }
            }
          },
          "doc": {
            "type": "object",
            "fields": {
              "c": {
                "type": "string",
                "optional": true,
                "maxLength": 65536
              },
              "s": {
                "type": "string",
                "optional": true,
                "maxLength": 65536
              },
              "d": {
                "type": "string",
                "optional": true,
                "maxLength": 65536
              },
              "h": {
                "type": "string",
                "optional": true,
                "maxLength": 65536
              },
              "e": {
                "type": "string",
                "optional": true,
                "maxLength": 65536
              },
              "a": {
                "type": "string",
                "optional": true,
                "maxLength": 65536
              },
              "n": {
                "type": "string",
                "optional": true,
                "maxLength": 65536
              },
              "summary": {
                "type": "string",
                "optional": true,
                "maxLength": 65536
              },
              "category": {
                "type": "string",
                "optional": true,
                "pattern": "^[A-Za-z0-9_ /-]{0,64}$"
              },
              "items": {
                "type": "record",
                "optional": true,
                "maxItems": 256,
                "keyPattern": "^[^\\u0000-\\u001f]{1,256}$",
                "values": {
                  "type": "string",
                  "maxLength": 65536
                }
              },
              "handlers": {
                "type": "record",
                "optional": true,
                "maxItems": 256,
                "keyPattern": "^[^\\u0000-\\u001f]{1,256}$",
                "values": {
                  "type": "string",
                  "maxLength": 65536
                }
              }
            }
          },
          "source": {
            "type": "object",
            "optional": true,
            "fields": {
              "file": {
                "type": "string",
                "maxLength": 1024,
                "pattern": "^[^\\u0000-\\u001f]*$"
              },
              "line": {
                "type": "integer",
                "min": 0,
                "max": 10000000
              }
            }
          }
        }
      }
    }
  }
} as const;
/** The closed list of imports a module may have, as "module.name". */
export const IMPORTS: readonly (AbiFunction & { module: string })[] = [
  {
    "module": "clickos",
    "name": "log",
    "params": [
      "i32",
      "i32",
      "i32",
      "i32"
    ],
    "results": []
  },
  {
    "module": "clickos",
    "name": "error",
    "params": [
      "i32",
      "i32",
      "i32"
    ],
    "results": []
  },
  {
    "module": "clickos",
    "name": "now_ns",
    "params": [],
    "results": [
      "i64"
    ]
  },
  {
    "module": "clickos",
    "name": "random",
    "params": [
      "i32",
      "i32"
    ],
    "results": []
  },
  {
    "module": "clickos",
    "name": "timer_schedule",
    "params": [
      "i32",
      "i32",
      "i64"
    ],
    "results": []
  },
  {
    "module": "clickos",
    "name": "timer_cancel",
    "params": [
      "i32",
      "i32"
    ],
    "results": []
  },
  {
    "module": "clickos",
    "name": "input_pull",
    "params": [
      "i32",
      "i32"
    ],
    "results": [
      "i32"
    ]
  },
  {
    "module": "clickos",
    "name": "handler_text",
    "params": [
      "i32",
      "i32"
    ],
    "results": []
  },
  {
    "module": "env",
    "name": "abort",
    "params": [
      "i32",
      "i32",
      "i32",
      "i32"
    ],
    "results": []
  },
  {
    "module": "env",
    "name": "trace",
    "params": [
      "i32",
      "i32",
      "f64",
      "f64",
      "f64",
      "f64",
      "f64"
    ],
    "results": []
  },
  {
    "module": "env",
    "name": "seed",
    "params": [],
    "results": [
      "f64"
    ]
  }
];

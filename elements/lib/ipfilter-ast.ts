// IPFilter/IPClassifier language: the expression tree the parser builds and the
// compiler flattens into a program. Configuration time only.
//
// A TEST leaf reads one field and compares it:  (bytes >> shift) & mask  OP  value,
// where the bytes are `nbytes` big-endian bytes at `offset` from the IP header, the
// transport header (IP header + ihl*4) or the MAC header. A PRIM node marks the
// boundary of one language primitive: if any TEST inside it would read past the end of
// the packet, the primitive as a whole is false (Click's rule; a `not` outside the
// primitive then makes it true).

export const N_TRUE: i32 = 0;
export const N_FALSE: i32 = 1;
export const N_TEST: i32 = 2;
export const N_AND: i32 = 3;
export const N_OR: i32 = 4;
export const N_NOT: i32 = 5;
/** a ? b : c */
export const N_TERNARY: i32 = 6;
export const N_PRIM: i32 = 7;

export const BASE_NET: i32 = 0;
export const BASE_TRANSPORT: i32 = 1;
export const BASE_MAC: i32 = 2;

export const OP_EQ: i32 = 0;
export const OP_GT: i32 = 1;

export class Node {
  kind: i32;
  a: Node | null = null;
  b: Node | null = null;
  c: Node | null = null;
  // TEST fields
  base: i32 = 0;
  offset: i32 = 0;
  nbytes: i32 = 0;
  shift: i32 = 0;
  mask: u32 = 0;
  op: i32 = OP_EQ;
  value: u32 = 0;

  constructor(kind: i32) { this.kind = kind; }

  static constant(v: bool): Node { return new Node(v ? N_TRUE : N_FALSE); }

  static test(base: i32, offset: i32, nbytes: i32, shift: i32, mask: u32, op: i32, value: u32): Node {
    const n = new Node(N_TEST);
    n.base = base; n.offset = offset; n.nbytes = nbytes; n.shift = shift;
    n.mask = mask; n.op = op;
    n.value = op == OP_EQ ? value & mask : value;
    return n;
  }

  static and(a: Node, b: Node): Node { return Node.binary(N_AND, a, b); }
  static or(a: Node, b: Node): Node { return Node.binary(N_OR, a, b); }

  static not(a: Node): Node {
    if (a.kind == N_TRUE) return Node.constant(false);
    if (a.kind == N_FALSE) return Node.constant(true);
    const n = new Node(N_NOT);
    n.a = a;
    return n;
  }

  static ternary(cond: Node, yes: Node, no: Node): Node {
    const n = new Node(N_TERNARY);
    n.a = cond; n.b = yes; n.c = no;
    return n;
  }

  static prim(body: Node): Node {
    const n = new Node(N_PRIM);
    n.a = body;
    return n;
  }

  private static binary(kind: i32, a: Node, b: Node): Node {
    const n = new Node(kind);
    n.a = a; n.b = b;
    return n;
  }
}

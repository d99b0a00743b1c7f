// IPFilter/IPClassifier language: the words it knows (primitive types, IP protocols,
// TCP/UDP ports, TCP flags, ICMP types) and the lookup that decides what a word means
// where it stands. Configuration time only; allocation is fine here.
//
// Names follow Click's built-in tables (elements/ip/ipnameinfo.cc and ipfilter.cc).
// Deviation: Click at user level also consults /etc/services and /etc/protocols; an
// element in a sandbox has no such files, so only the built-in names exist here.

// ---- primitive types (what a primitive tests) ----
export const TYPE_NONE: i32 = 0;
/** A word naming a type ("host", "port", "ttl"...); its value is the type. */
export const TYPE_TYPE: i32 = 1;
/** A plain integer value. */
export const TYPE_INT: i32 = 3;
/** A port range "LO-HI" (an extension, see ipfilter-primitive.ts). */
export const TYPE_RANGE: i32 = 4;
export const TYPE_HOST: i32 = 10;
export const TYPE_PROTO: i32 = 11;
export const TYPE_IPFRAG: i32 = 12;
export const TYPE_PORT: i32 = 13;
export const TYPE_TCPOPT: i32 = 14;
export const TYPE_ETHER: i32 = 15;
// Shorthands that check() rewrites into the types above.
export const TYPE_NET: i32 = 30;
export const TYPE_IPUNFRAG: i32 = 31;
export const TYPE_IPECT: i32 = 32;
export const TYPE_IPCE: i32 = 33;
/** Lookup result for qualifier words (src, dst, ip, ether, not): not a value. */
export const TYPE_SYNTAX: i32 = -1;

// ---- header fields, packed into one positive i32 so a type stays a single number ----
// bit 30 set; bits 0-8 transport protocol (0 = IP header); bits 9-24 bit offset into the
// header; bits 25-29 width in bits minus one.
export const FIELD_FLAG: i32 = 1 << 30;
export function makeField(proto: i32, bitOffset: i32, bits: i32): i32 {
  return FIELD_FLAG | (proto & 0x1ff) | ((bitOffset & 0xffff) << 9) | (((bits - 1) & 31) << 25);
}
export function isField(t: i32): bool { return t > 0 && (t & FIELD_FLAG) != 0; }
export function fieldProto(t: i32): i32 { return t & 0x1ff; }
export function fieldBitOffset(t: i32): i32 { return (t >> 9) & 0xffff; }
export function fieldBits(t: i32): i32 { return ((t >> 25) & 31) + 1; }

// ---- protocols, including Click's pseudo-protocols above 255 ----
export const UNKNOWN: i32 = -1000;
export const PROTO_ICMP: i32 = 1;
export const PROTO_TCP: i32 = 6;
export const PROTO_UDP: i32 = 17;
export const PROTO_DCCP: i32 = 33;
export const PROTO_TCP_OR_UDP: i32 = 256;
export const PROTO_TRANSP: i32 = 258;
export const PROTO_PAYLOAD: i32 = 259;

export const FIELD_VERSION: i32 = makeField(0, 0, 4);
export const FIELD_HL: i32 = makeField(0, 4, 4);
export const FIELD_TOS: i32 = makeField(0, 8, 8);
export const FIELD_DSCP: i32 = makeField(0, 8, 6);
export const FIELD_IPLEN: i32 = makeField(0, 16, 16);
export const FIELD_ID: i32 = makeField(0, 32, 16);
export const FIELD_TTL: i32 = makeField(0, 64, 8);
export const FIELD_TCP_WIN: i32 = makeField(PROTO_TCP, 14 * 8, 16);
export const FIELD_ICMP_TYPE: i32 = makeField(PROTO_ICMP, 0, 8);

// TCP flag bits (tcp opt NAME).
export const TH_FIN: i32 = 0x01;
export const TH_SYN: i32 = 0x02;
export const TH_RST: i32 = 0x04;
export const TH_PUSH: i32 = 0x08;
export const TH_ACK: i32 = 0x10;
export const TH_URG: i32 = 0x20;

class NameTable {
  names: string[] = [];
  values: i32[] = [];
  add(name: string, value: i32): NameTable { this.names.push(name); this.values.push(value); return this; }
  /** Index of `name`, or -1. */
  find(name: string): i32 {
    for (let i = 0; i < this.names.length; i++) if (this.names[i] == name) return i;
    return -1;
  }
}

const typeWords = new NameTable()
  .add("ce", TYPE_IPCE).add("dest", TYPE_SYNTAX).add("dscp", FIELD_DSCP).add("dst", TYPE_SYNTAX)
  .add("ect", TYPE_IPECT).add("ether", TYPE_SYNTAX).add("frag", TYPE_IPFRAG).add("hl", FIELD_HL)
  .add("host", TYPE_HOST).add("id", FIELD_ID).add("ip", TYPE_SYNTAX).add("len", FIELD_IPLEN)
  .add("net", TYPE_NET).add("not", TYPE_SYNTAX).add("opt", TYPE_TCPOPT).add("port", TYPE_PORT)
  .add("proto", TYPE_PROTO).add("src", TYPE_SYNTAX).add("tos", FIELD_TOS).add("ttl", FIELD_TTL)
  .add("type", FIELD_ICMP_TYPE).add("unfrag", TYPE_IPUNFRAG).add("vers", FIELD_VERSION)
  .add("win", FIELD_TCP_WIN);

const protoNames = new NameTable()
  .add("dccp", PROTO_DCCP).add("gre", 47).add("icmp", PROTO_ICMP).add("igmp", 2).add("ipip", 4)
  .add("payload", PROTO_PAYLOAD).add("sctp", 132).add("tcp", PROTO_TCP)
  .add("tcpudp", PROTO_TCP_OR_UDP).add("transp", PROTO_TRANSP).add("udp", PROTO_UDP);

// The same well-known ports serve TCP and UDP.
const portNames = new NameTable()
  .add("auth", 113).add("bootpc", 68).add("bootps", 67).add("chargen", 19).add("daytime", 13)
  .add("discard", 9).add("dns", 53).add("domain", 53).add("echo", 7).add("finger", 79)
  .add("ftp", 21).add("ftp-data", 20).add("http", 80).add("https", 443).add("imap3", 220)
  .add("imaps", 993).add("irc", 194).add("netbios-dgm", 138).add("netbios-ns", 137)
  .add("netbios-ssn", 139).add("nntp", 119).add("ntp", 123).add("pop3", 110).add("pop3s", 995)
  .add("pptp", 1723).add("rip", 520).add("route", 520).add("smtp", 25).add("snmp", 161)
  .add("snmp-trap", 162).add("ssh", 22).add("sunrpc", 111).add("telnet", 23).add("tftp", 69)
  .add("www", 80);
// ("http" is not in Click's static table but is in every /etc/services Click reads at
// user level, so `port http` works in Click on Linux; it is listed here for that reason.)

const tcpOptNames = new NameTable()
  .add("ack", TH_ACK).add("fin", TH_FIN).add("psh", TH_PUSH).add("rst", TH_RST)
  .add("syn", TH_SYN).add("urg", TH_URG);

const icmpTypeNames = new NameTable()
  .add("echo", 8).add("echo-reply", 0).add("inforeq", 15).add("inforeq-reply", 16)
  .add("maskreq", 17).add("maskreq-reply", 18).add("parameterproblem", 12).add("redirect", 5)
  .add("routeradvert", 9).add("routersolicit", 10).add("sourcequench", 4)
  .add("timeexceeded", 11).add("timestamp", 13).add("timestamp-reply", 14)
  .add("unreachable", 3);

/** Text for a type, as error messages show it ("ip ttl", "src or dst port"). */
export function typeName(srcdst: i32, type: i32): string {
  let s = "";
  if (srcdst == SD_SRC) s = "src ";
  else if (srcdst == SD_DST) s = "dst ";
  else if (srcdst == SD_OR) s = "src or dst ";
  else if (srcdst == SD_AND) s = "src and dst ";
  if (type == TYPE_NONE) return s + "<none>";
  if (type == TYPE_HOST) return s + "ip host";
  if (type == TYPE_PROTO) return s + "proto";
  if (type == TYPE_ETHER) return s + "ether host";
  if (type == TYPE_IPFRAG) return s + "ip frag";
  if (type == TYPE_PORT) return s + "port";
  if (type == TYPE_TCPOPT) return s + "tcp opt";
  if (type == TYPE_NET) return s + "ip net";
  if (type == TYPE_IPUNFRAG) return s + "ip unfrag";
  if (type == TYPE_IPECT) return s + "ip ect";
  if (type == TYPE_IPCE) return s + "ip ce";
  if (type == FIELD_IPLEN) return s + "ip len";
  if (type == FIELD_ID) return s + "ip id";
  if (type == FIELD_VERSION) return s + "ip vers";
  if (type == FIELD_HL) return s + "ip hl";
  if (type == FIELD_TOS) return s + "ip tos";
  if (type == FIELD_DSCP) return s + "ip dscp";
  if (type == FIELD_TTL) return s + "ip ttl";
  if (type == FIELD_TCP_WIN) return s + "tcp win";
  if (type == FIELD_ICMP_TYPE) return s + "icmp type";
  if (isField(type)) return s + (fieldProto(type) != 0 ? protoName(fieldProto(type)) : "ip") + "[...]";
  return s + "<unknown type " + type.toString() + ">";
}

/** Name of a transport protocol as qualifiers write it. */
export function protoName(p: i32): string {
  if (p == UNKNOWN) return "";
  if (p == PROTO_TCP_OR_UDP) return "tcpudp";
  if (p == PROTO_TRANSP) return "transp";
  for (let i = 0; i < protoNames.names.length; i++) if (protoNames.values[i] == p) return protoNames.names[i];
  return "ip proto " + p.toString();
}

// Source/destination qualifiers.
export const SD_SRC: i32 = 1;
export const SD_DST: i32 = 2;
export const SD_AND: i32 = 3;
export const SD_OR: i32 = 4;

/** What lookup() found: a kind (TYPE_TYPE, TYPE_PROTO, TYPE_PORT, TYPE_TCPOPT,
 *  FIELD_ICMP_TYPE), -1 for nothing or a qualifier word, -2 for an error already reported. */
export class Lookup {
  kind: i32 = -1;
  value: i32 = 0;
}

function with2(parts: string, s: string): string { return parts.length > 0 ? parts + ", " + s : s; }

/**
 * What `word` means when the primitive so far has type `type` and protocol `proto`,
 * following Click's rules: type words win when no type is set; otherwise each name table
 * is consulted, and a word valid in none of the allowed ones (or in several, with
 * different values) is an error naming the readings that would work.
 */
export function lookup(word: string, type: i32, proto: i32, out: Lookup, errors: string[] | null): void {
  out.kind = -1;
  out.value = 0;
  if (type == TYPE_NONE || type == TYPE_TYPE) {
    const t = typeWords.find(word);
    if (t >= 0) {
      const v = typeWords.values[t];
      if (v != TYPE_SYNTAX) { out.kind = TYPE_TYPE; out.value = v; }
      return;
    }
  }
  const ip = protoNames.find(word), port = portNames.find(word);
  const opt = tcpOptNames.find(word), icmp = icmpTypeNames.find(word);
  if (ip < 0 && port < 0 && opt < 0 && icmp < 0) return;
  const anyType = type == TYPE_NONE;
  const gIp = ip >= 0 && (anyType || type == TYPE_PROTO);
  const gPort = port >= 0 && (anyType || type == TYPE_PORT)
    && (proto == UNKNOWN || proto == PROTO_TCP || proto == PROTO_UDP || proto == PROTO_TCP_OR_UDP || proto == PROTO_DCCP);
  const gOpt = opt >= 0 && (anyType || type == TYPE_TCPOPT)
    && (proto == UNKNOWN || proto == PROTO_TCP || proto == PROTO_TCP_OR_UDP);
  const gIcmp = icmp >= 0 && (anyType || type == FIELD_ICMP_TYPE) && (proto == UNKNOWN || proto == PROTO_ICMP);
  const n = i32(gIp) + i32(gPort) + i32(gOpt) + i32(gIcmp);
  if (n == 1) {
    if (gIp) { out.kind = TYPE_PROTO; out.value = protoNames.values[ip]; }
    else if (gPort) { out.kind = TYPE_PORT; out.value = portNames.values[port]; }
    else if (gOpt) { out.kind = TYPE_TCPOPT; out.value = tcpOptNames.values[opt]; }
    else { out.kind = FIELD_ICMP_TYPE; out.value = icmpTypeNames.values[icmp]; }
    return;
  }
  out.kind = -2;
  if (errors === null) return;
  let tries = "";
  if (ip >= 0) tries = with2(tries, "'proto " + word + "'");
  if (port >= 0) tries = with2(tries, "'port " + word + "'");
  if (opt >= 0) tries = with2(tries, "'tcp opt " + word + "'");
  if (icmp >= 0) tries = with2(tries, "'icmp type " + word + "'");
  let shown = word;
  if (type != TYPE_NONE) shown = typeName(0, type) + " " + word;
  if (proto != UNKNOWN) shown = protoName(proto) + " " + shown;
  errors.push("'" + shown + "' is " + (n > 1 ? "ambiguous" : "meaningless") + "; try " + tries);
}

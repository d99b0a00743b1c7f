// Writes the Load balancer example's captures. netfront0.pcap: five client
// flows to the virtual IP (one opened by a client that already has a flow) plus
// two packets the balancer must ignore; netfront1.pcap: backend replies, one of
// them for no known flow. The devices are replayed one packet each in turn, so
// reply k arrives after client packet k. The expected outputs rewrite each packet by hand from
// the round-robin order: flows A, B, C, D, E go to backends 1, 2, 3, 1, 2.
// Run: npx tsx --conditions=source examples/loadbalancer/make-traffic.ts
import { pkt, type TcpOptions } from "@clickos/sdk/testing";
import { writeExample } from "../lib/captures.ts";

const VIP = "192.0.2.80";
const lbFront = "02:00:00:00:00:01", gateway = "02:00:00:00:00:fe", lbBack = "02:00:00:00:01:01";
const backends = [
  { ip: "10.0.0.1", port: 80, mac: "02:00:00:00:01:11" },
  { ip: "10.0.0.2", port: 80, mac: "02:00:00:00:01:12" },
  { ip: "10.0.0.3", port: 8080, mac: "02:00:00:00:01:13" },
];
interface Flow { client: string; sport: number; backend: number }
const A: Flow = { client: "198.51.100.1", sport: 40001, backend: 0 };
const B: Flow = { client: "198.51.100.2", sport: 40002, backend: 1 };
const C: Flow = { client: "198.51.100.3", sport: 40003, backend: 2 };
const D: Flow = { client: "198.51.100.4", sport: 40004, backend: 0 };
const E: Flow = { client: "198.51.100.1", sport: 40005, backend: 1 };

/** Client → server packet of flow f, as sent (to the VIP) or as delivered (to its backend). */
function up(f: Flow, tcp: TcpOptions, payload: string, delivered: boolean): Uint8Array {
  const b = backends[f.backend];
  const e = delivered ? pkt.ether({ src: lbBack, dst: b.mac }) : pkt.ether({ src: gateway, dst: lbFront });
  return e.ipv4({ src: f.client, dst: delivered ? b.ip : VIP, id: f.sport & 0xff })
    .tcp({ sport: f.sport, dport: delivered ? b.port : 80, ...tcp }).payload(payload).build();
}
/** Server → client packet of flow f, as the backend sends it or as the client gets it. */
function down(f: Flow, tcp: TcpOptions, payload: string, delivered: boolean): Uint8Array {
  const b = backends[f.backend];
  const e = delivered ? pkt.ether({ src: lbFront, dst: gateway }) : pkt.ether({ src: b.mac, dst: lbBack });
  return e.ipv4({ src: delivered ? VIP : b.ip, dst: f.client, id: 0x100 + (f.sport & 0xff) })
    .tcp({ sport: delivered ? 80 : b.port, dport: f.sport, ...tcp }).payload(payload).build();
}

const clientPackets: [Flow, TcpOptions, string][] = [
  [A, { flags: "S", seq: 100 }, ""],
  [B, { flags: "S", seq: 200 }, ""],
  [A, { flags: "PA", seq: 101, ack: 1001 }, "GET /a HTTP/1.1\r\n\r\n"],
  [C, { flags: "S", seq: 300 }, ""],
  [D, { flags: "S", seq: 400 }, ""],
  [E, { flags: "S", seq: 500 }, ""],
  [B, { flags: "PA", seq: 201, ack: 2001 }, "GET /b HTTP/1.1\r\n\r\n"],
];
const ignoredFromClients = [
  pkt.ether({ src: gateway, dst: lbFront }).ipv4({ src: "198.51.100.1", dst: VIP }).tcp({ sport: 40010, dport: 22, flags: "S" }).build(), // not VPORT
  pkt.ether({ src: gateway, dst: lbFront }).ipv4({ src: "198.51.100.1", dst: "192.0.2.81" }).tcp({ sport: 40011, dport: 80, flags: "S" }).build(), // not the VIP
];
const replies: [Flow, TcpOptions, string][] = [
  [A, { flags: "SA", seq: 1000, ack: 101 }, ""],
  [B, { flags: "SA", seq: 2000, ack: 201 }, ""],
  [A, { flags: "PA", seq: 1001, ack: 120 }, "HTTP/1.1 200 OK\r\n\r\n"],
  [C, { flags: "SA", seq: 3000, ack: 301 }, ""],
];
const stray = pkt.ether({ src: backends[1].mac, dst: lbBack }).ipv4({ src: "10.0.0.2", dst: "198.51.100.9" }).tcp({ sport: 80, dport: 41000, flags: "SA" }).build();

writeExample(new URL(".", import.meta.url), {
  inputs: {
    "netfront0.pcap": [...clientPackets.slice(0, 5).map(([f, t, p]) => up(f, t, p, false)), ...ignoredFromClients, ...clientPackets.slice(5).map(([f, t, p]) => up(f, t, p, false))],
    "netfront1.pcap": [...replies.map(([f, t, p]) => down(f, t, p, false)), stray],
  },
  expected: {
    "netfront1.out.pcap": clientPackets.map(([f, t, p]) => up(f, t, p, true)),
    "netfront0.out.pcap": replies.map(([f, t, p]) => down(f, t, p, true)),
  },
});

// FromNetFront(DEVID) / ToNetFront(DEVID) — ClickOS's netfront I/O (also spelt
// FromNetfront/ToNetfront, ClickOS's own spelling) — and Click's
// FromDevice(DEVNAME) / ToDevice(DEVNAME), bound to pcap files in the Node host:
// FromNetFront(N) reads netfrontN.pcap and ToNetFront(N) writes
// netfrontN.out.pcap, unless a device map says otherwise
// (`--netfront N=in.pcap`, `--netfront N:out=out.pcap`; devices by name alike).
// From*: push sources (0/1, h). ToNetFront: 1/0 agnostic (a pull task after a
// Queue). ToDevice: 1/0 pull, as Click's ToDevice (whose optional push outputs
// for failed packets are not provided here).

import { HostArgs } from "../args.ts";
import type { HostClass } from "../router.ts";
import { FromDump } from "./from-dump.ts";
import { ToDump } from "./to-dump.ts";

/** Device id or name → capture files. */
export type DeviceMap = Record<string, { in?: string; out?: string }>;

export function defaultDeviceFile(dev: string, netfront: boolean, out: boolean): string {
  return `${netfront ? "netfront" : ""}${dev}${out ? ".out" : ""}.pcap`;
}

class FromDeviceFile extends FromDump {
  constructor(name: string, cls: string, config: string, file: string, line: number, private devices: DeviceMap, private netfront: boolean) {
    super(name, cls, config, file, line);
  }
  configure(args: string[]): void {
    const a = new HostArgs(args);
    const dev = a.string(this.netfront ? "DEVID" : "DEVNAME", { positional: true, mandatory: true }) ?? "";
    this.filename = this.devices[dev]?.in ?? defaultDeviceFile(dev, this.netfront, false);
    this.readOptions(a);
    // Accepted for compatibility; meaningless for a capture file.
    a.bool("PROMISC", false); a.unsigned("SNAPLEN", {}); a.string("METHOD"); a.bool("SNIFFER", true); a.string("BPF_FILTER"); a.string("OUTBOUND"); a.string("HEADROOM");
    a.complete();
  }
}

class ToDeviceFile extends ToDump {
  constructor(name: string, cls: string, config: string, file: string, line: number, private devices: DeviceMap, private netfront: boolean) {
    super(name, cls, config, file, line);
  }
  configure(args: string[]): void {
    const a = new HostArgs(args);
    const dev = a.string(this.netfront ? "DEVID" : "DEVNAME", { positional: true, mandatory: true }) ?? "";
    this.filename = this.devices[dev]?.out ?? defaultDeviceFile(dev, this.netfront, true);
    this.burst = a.unsigned("BURST", { default: 256 })!;
    a.string("QUEUE"); a.string("METHOD"); a.bool("DEBUG", false);
    a.complete();
  }
}

/** The device classes bound to a device map (the defaults use no map). */
export function deviceClasses(devices: DeviceMap = {}): HostClass[] {
  const from = (name: string, netfront: boolean): HostClass => ({
    name, ports: "0/1", processing: "h", doc: "reads packets from a device (a pcap file in the Node host)",
    create: (n, c, f, l) => new FromDeviceFile(n, name, c, f, l, devices, netfront),
  });
  const to = (name: string, netfront: boolean, processing: string): HostClass => ({
    name, ports: "1/0", processing, doc: "sends packets to a device (a pcap file in the Node host)",
    create: (n, c, f, l) => new ToDeviceFile(n, name, c, f, l, devices, netfront),
  });
  return [
    from("FromNetFront", true), from("FromNetfront", true), from("FromDevice", false),
    to("ToNetFront", true, "a"), to("ToNetfront", true, "a"), to("ToDevice", false, "l"),
  ];
}

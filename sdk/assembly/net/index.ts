// @clickos/sdk networking: checksums, addresses and non-allocating header views.

export * from "./checksum";
export * from "./address";
export * from "./ether";
export * from "./arp";
export * from "./ip";
export * from "./ip6";
export * from "./icmp";
export * from "./udp";
export * from "./tcp";

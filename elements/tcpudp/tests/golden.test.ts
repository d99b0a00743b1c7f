// Golden tests of the tcpudp elements (IPRewriter, CGNAT, IPLoadBalancer): every
// tests/*.click case with its pcap fixtures and handler expectations.
import { goldenSuite } from "../../../sdk/src/testing/golden-suite.ts";

goldenSuite(new URL("..", import.meta.url).pathname);

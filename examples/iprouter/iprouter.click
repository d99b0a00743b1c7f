// IP router: a two-interface IPv4 router in the style of Click's
// conf/make-ip-conf.pl: per interface a Classifier for ARP and IP, an
// ARPResponder for the interface address; IP input checked once (CheckIPHeader
// with the router's interfaces), routed by longest prefix (StaticIPLookup), and
// per output interface DecIPTTL and Ethernet encapsulation to the next hop.
// Echo requests to the router are answered.
//
// Interface 0 (netfront0): 10.0.0.1/24, 02:00:00:00:00:01; neighbour 10.0.0.2
//   (02:00:00:00:00:02), the customer router for 172.16.0.0/16.
// Interface 1 (netfront1): 192.0.2.1/24, 02:00:00:00:01:01; neighbour
//   192.0.2.254 (02:00:00:00:01:fe), the upstream router (default route).
// There is no ARPQuerier in the standard elements yet, so next hops' Ethernet
// addresses are static (EtherEncap): one neighbour per link.

c0 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
c1 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
out0 :: ToNetFront(0);
out1 :: ToNetFront(1);

FromNetFront(0, BURST 1) -> c0;
FromNetFront(1, BURST 1) -> c1;

// ARP: answer queries for our addresses; count replies (an ARPQuerier's input 1).
c0[0] -> ARPResponder(10.0.0.1 02:00:00:00:00:01) -> out0;
c1[0] -> ARPResponder(192.0.2.1 02:00:00:00:01:01) -> out1;
c0[1] -> arp_replies :: Counter -> Discard;
c1[1] -> arp_replies;
c0[3] -> other :: Counter -> Discard;   // IPv6 and anything else: not routed
c1[3] -> other;

// IP input, shared by both interfaces.
c0[2] -> ip :: Strip(14);
c1[2] -> ip;
ip -> checked :: CheckIPHeader(INTERFACES 10.0.0.1/24 192.0.2.1/24)
   -> rt :: StaticIPLookup(10.0.0.1/32 0,  10.0.0.255/32 0,  10.0.0.0/32 0,
                           192.0.2.1/32 0, 192.0.2.255/32 0, 192.0.2.0/32 0,
                           10.0.0.0/24 1,  172.16.0.0/16 10.0.0.2 1,
                           192.0.2.0/24 2, 0.0.0.0/0 192.0.2.254 2);

// Local delivery: answer pings. The replies take their own copy of the routes
// back out (in Click they re-enter rt; the Node host refuses push cycles).
rt[0] -> local :: ICMPPingResponder -> rt_local :: StaticIPLookup(10.0.0.0/24 0, 172.16.0.0/16 10.0.0.2 0,
                                                                  192.0.2.0/24 1, 0.0.0.0/0 192.0.2.254 1);
local[1] -> to_host :: Counter -> Discard;

// Output interface 0.
rt[1] -> dt0 :: DecIPTTL;
rt_local[0] -> dt0;
dt0[0] -> EtherEncap(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02) -> out0;
dt0[1] -> expired :: Counter -> Discard;   // ICMPError(timeexceeded) in Click

// Output interface 1.
rt[2] -> dt1 :: DecIPTTL;
rt_local[1] -> dt1;
dt1[0] -> EtherEncap(0x0800, 02:00:00:00:01:01, 02:00:00:00:01:fe) -> out1;
dt1[1] -> expired;

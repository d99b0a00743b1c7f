// Two-interface IP router in the style of Click's make-ip-conf.pl output.
require(package "clickos-elements");

define($IP0 10.0.0.1, $ETH0 00:00:c0:ae:67:ef,
       $IP1 10.0.1.1, $ETH1 00:00:c0:4f:71:ef);

elementclass ArpPair { $ip, $eth |
  input [0] -> q :: ARPQuerier($ip, $eth) -> output;
  input [1] -> [1] q;
  // responder answers ARP queries for our address
  input [2] -> ARPResponder($ip $eth) -> [1] output;
}

fd0 :: FromDevice(eth0);  td0 :: ToDevice(eth0);
fd1 :: FromDevice(eth1);  td1 :: ToDevice(eth1);

c0 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
c1 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);

fd0 -> c0;  fd1 -> c1;

rt :: StaticIPLookup($IP0/32 0, $IP1/32 0,
                     10.0.0.0/24 1, 10.0.1.0/24 2);

arp0 :: ArpPair($IP0, $ETH0);
arp1 :: ArpPair($IP1, $ETH1);

c0 [0] -> [2] arp0;  c0 [1] -> t0 :: Tee(2);  t0 [0] -> [1] arp0;  t0 [1] -> Discard;
c1 [0] -> [2] arp1;  c1 [1] -> t1 :: Tee(2);  t1 [0] -> [1] arp1;  t1 [1] -> Discard;
c0 [3] -> Discard;  c1 [3] -> Discard;

c0 [2] -> Paint(1) -> Strip(14) -> CheckIPHeader -> [0] rt;
c1 [2] -> Paint(2) -> Strip(14) -> CheckIPHeader -> rt;

rt [0] -> ToHost;
rt [1] -> DropBroadcasts -> cp0 :: CheckPaint(1) -> DecIPTTL -> arp0;
rt [2] -> DropBroadcasts -> cp1 :: CheckPaint(2) -> DecIPTTL -> arp1;
cp0 [1] -> ICMPError($IP0, redirect, host) -> rt;
cp1 [1] -> ICMPError($IP1, redirect, host) -> rt;

arp0 [0] -> Queue(200) -> td0;
arp1 [0] -> Queue(200) -> td1;
arp0 [1] -> Queue -> Discard;
arp1 [1] -> Queue -> Discard;

#ifndef CLICK_MOCK_PACKETBATCH_HH
#define CLICK_MOCK_PACKETBATCH_HH
/* Shaped like a batching Click's (FastClick) PacketBatch: a list of packets. */
#include <click/packet.hh>
class PacketBatch : public WritablePacket { public:
    Packet *first();
    unsigned count() const;
};
#endif

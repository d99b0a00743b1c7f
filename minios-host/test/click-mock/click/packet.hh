#ifndef CLICK_MOCK_PACKET_HH
#define CLICK_MOCK_PACKET_HH
#include <click/config.h>
#include <click/timestamp.hh>
class WritablePacket;
class Packet { public:
    enum { default_headroom = 48, anno_size = 48 };
    enum PacketType { HOST = 0, BROADCAST = 1, MULTICAST = 2, OTHERHOST = 3, OUTGOING = 4 };
    static WritablePacket *make(uint32_t headroom, const void *data, uint32_t length, uint32_t tailroom);
    void kill();
    WritablePacket *uniqueify();
    const unsigned char *data() const;
    uint32_t length() const;
    uint32_t headroom() const;
    uint32_t tailroom() const;
    const unsigned char *buffer() const;
    uint32_t buffer_length() const;
    WritablePacket *push(uint32_t len);
    Packet *nonunique_push(uint32_t len);
    Packet *nonunique_put(uint32_t len);
    void pull(uint32_t len);
    WritablePacket *put(uint32_t len);
    void take(uint32_t len);
    bool has_mac_header() const;
    const unsigned char *mac_header() const;
    void set_mac_header(const unsigned char *p);
    void clear_mac_header();
    bool has_network_header() const;
    const unsigned char *network_header() const;
    void set_network_header(const unsigned char *p, uint32_t len);
    void clear_network_header();
    bool has_transport_header() const;
    const unsigned char *transport_header() const;
    void clear_transport_header();
    PacketType packet_type_anno() const;
    void set_packet_type_anno(PacketType t);
    const Timestamp &timestamp_anno() const;
    void set_timestamp_anno(const Timestamp &t);
    uint8_t *anno_u8();
    const uint8_t *anno_u8() const;
    Packet *next() const;
    void set_next(Packet *p);
};
class WritablePacket : public Packet { public:
    unsigned char *data() const;
    unsigned char *buffer() const;
};
#endif

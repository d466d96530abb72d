/*
 * The trace stream: what init's tracer (servers/init/trace.c) writes out and tools/trace and
 * tools/profile read: into memory it shares with the host (QEMU's ivshmem device, below) when
 * there is one, else to QEMU's debug console (I/O port 0xe9, captured with -debugcon). A sequence of blocks, each a
 * struct trace_block then `count` struct keel_trace_event (<keel/abi.h>), all 32 bytes, so a
 * reader that lost its place finds the next block at a 32-byte boundary by its magic. One
 * block carries events of one CPU, in the order that CPU recorded them; `dropped` is that
 * CPU's count of events lost so far (a full ring), so a reader shows how many and where.
 * A capture cut off mid-block (QEMU stopped) ends with an incomplete block: the reader drops
 * it and says how many events it lost.
 */
#ifndef KEEL_SERVERS_TRACER_TRACE_STREAM_H
#define KEEL_SERVERS_TRACER_TRACE_STREAM_H

#include <keel/abi.h>

#define TRACE_BLOCK_MAGIC 0x4b4c4254u /* "TBLK" */
#define TRACE_STREAM_VERSION 1

struct trace_block {
	uint32_t magic;	   /* TRACE_BLOCK_MAGIC */
	uint16_t version;  /* TRACE_STREAM_VERSION */
	uint16_t cpu;	   /* the CPU whose ring the events come from */
	uint32_t count;	   /* events that follow */
	uint32_t dropped;  /* that CPU's events lost to a full ring, since tracing began */
	uint64_t cycle_hz; /* time-stamp counter ticks per second (struct keel_trace) */
	uint32_t seq;	   /* blocks written before this one */
	uint32_t reserved;
};
_Static_assert(sizeof(struct trace_block) == 32, "a block header is one event long");

/*
 * The shared-memory channel: QEMU's ivshmem-plain device (PCI 1af4:1110), its BAR 2 a file the
 * host tool made (tools/devtools/capture.py). The host lays out the header; the stream's bytes
 * go round the `size` bytes at `data_offset`: init writes byte n at data[n % size] and then
 * sets `head` to n + 1, never more than `size` past `tail`; the host copies [tail, head) out
 * and then sets `tail`. Each side writes only its own counter. Nothing passes through an I/O
 * port, so copying the trace out costs the guest a memcpy instead of an emulated port write
 * per byte.
 */
#define TRACE_SHM_MAGIC 0x48535454u /* "TTSH" */
#define TRACE_SHM_VENDOR 0x1af4u
#define TRACE_SHM_DEVICE 0x1110u
struct trace_shm {
	uint32_t magic;	      /* TRACE_SHM_MAGIC, set by the host */
	uint32_t version;     /* TRACE_STREAM_VERSION */
	uint32_t size;	      /* bytes of the ring */
	uint32_t data_offset; /* from the start of the memory to the ring, a page multiple */
	uint32_t reserved[12];
	volatile uint32_t head; /* bytes init wrote, mod 2^32 */
	uint32_t pad[15];	/* head and tail on cache lines of their own */
	volatile uint32_t tail; /* bytes the host took, mod 2^32 */
};

#endif

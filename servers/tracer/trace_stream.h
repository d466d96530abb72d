/*
 * The trace stream: what the tracer writes to QEMU's debug console (I/O port 0xe9, captured
 * with `-debugcon file:PATH`) and tools/trace reads. A sequence of blocks, each a
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

#endif

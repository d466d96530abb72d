/*
 * Reading the kernel log (<keel/abi.h>, CAP_ROOT_KLOG) from a read-only mapping while the
 * kernel goes on writing it: what is new since the last read, and how much was overwritten
 * before it could be read. Pure C, host-tested (klog_read_test.c).
 */
#ifndef KEEL_SERVERS_LOG_KLOG_READ_H
#define KEEL_SERVERS_LOG_KLOG_READ_H

#include <stdbool.h>
#include <stdint.h>

#include <keel/abi.h>

/* Whether k looks like a kernel log in a page of `bytes`: the magic and a power-of-two ring. */
bool klog_valid(const struct keel_klog *k, uint32_t bytes);

/* Of the log from byte `from` on, how many bytes are gone once `written` were written. */
uint32_t klog_overwritten(uint32_t size, uint32_t from, uint32_t written);

/*
 * Copies the log's bytes from *next on into out (room for k->size bytes) and returns how
 * many it copied; *lost gets how many before them were overwritten unread (skipped).
 * *next moves past everything copied or lost. k->written is read before and after the copy,
 * so bytes the kernel overwrote meanwhile are counted as lost, never passed on.
 */
uint32_t klog_read(const struct keel_klog *k, uint32_t *next, char *out, uint32_t *lost);

#endif /* KEEL_SERVERS_LOG_KLOG_READ_H */

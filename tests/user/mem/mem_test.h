/* Shared by the memory test programs: the check macro, the share protocol and its addresses. */
#ifndef MEM_TEST_H
#define MEM_TEST_H

#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#define MEM_TEST_IFACE 0x78
#define MSG_SHARE      IPC_TYPE(MEM_TEST_IFACE, 1) /* caps[0]: memory to map and write */
#define MSG_TOUCH      IPC_TYPE(MEM_TEST_IFACE, 2) /* read the shared memory again */
#define SHARE_PAGES    4u
#define SHARE_VA       0x20000000u /* where init maps it */
#define SHARE_VA_PEER  0x30000000u /* where the peer maps it: another address, the same frames */
#define PEER_MAGIC     0x9ee70000u


/* What a frames object of `pages` pages costs its budget: the pages and their frame list. */
#define FRAMES_COST(pages) ((int32_t)(pages) + 1 + ((int32_t)(pages) + 1023) / 1024)
/* Page tables a mapping of `pages` pages at a 4 MiB boundary, in a fresh region, adds. */
#define TABLES_FOR(pages) (((int32_t)(pages) + 1023) / 1024)


#endif

/* Shared by the memory test programs: the check macro, the share protocol and its addresses. */
#ifndef MEM_TEST_H
#define MEM_TEST_H

#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define MEM_TEST_IFACE 0x78
#define MSG_SHARE      IPC_TYPE(MEM_TEST_IFACE, 1) /* caps[0]: memory to map and write */
#define MSG_TOUCH      IPC_TYPE(MEM_TEST_IFACE, 2) /* read the shared memory again */
#define SHARE_PAGES    4u
#define SHARE_VA       0x20000000u /* where init maps it */
#define SHARE_VA_PEER  0x30000000u /* where the peer maps it: another address, the same frames */
#define PEER_MAGIC     0x9ee70000u

static int failed;

/* Prints "<who> <name>: got G want W ok|FAIL" and counts failures in `failed`. */
#define CHECK(who, name, got, want)                                                                \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		uprintf("%s %s: got %lld want %lld %s\n", who, name, g_, w_,                       \
			g_ == w_ ? "ok" : "FAIL");                                                 \
		failed += g_ != w_;                                                                \
	} while (0)

#endif

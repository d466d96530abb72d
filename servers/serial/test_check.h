/*
 * The check line of the serial server's QEMU test programs: SCHECK(who, name, got, want)
 * prints "<who> <name>: got G want W ok|FAIL" and counts failures in scheck_failed.
 */
#ifndef SERVERS_SERIAL_TEST_CHECK_H
#define SERVERS_SERIAL_TEST_CHECK_H

#include <keel/ulib.h>

static int scheck_failed;

#define SCHECK(who, name, got, want)                                                               \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		uprintf("%s %s: got %lld want %lld %s\n", who, name, g_, w_,                       \
			g_ == w_ ? "ok" : "FAIL");                                                 \
		scheck_failed += g_ != w_;                                                         \
	} while (0)

#endif

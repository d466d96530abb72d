/*
 * The check macro of the QEMU test programs: CHECK(who, name, got, want) prints
 * "<who> <name>: got G want W ok|FAIL" (the line the test rules match) and counts failures in
 * check_failed, which each program reports at its end.
 */
#ifndef TESTS_USER_CHECK_H
#define TESTS_USER_CHECK_H

#include <keel/ulib.h>

static int check_failed __attribute__((unused)); /* not every program reports it */

#define CHECK(who, name, got, want)                                                                \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		uprintf("%s %s: got %lld want %lld %s\n", who, name, g_, w_,                       \
			g_ == w_ ? "ok" : "FAIL");                                                 \
		check_failed += g_ != w_;                                                          \
	} while (0)

#endif

/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/*
 * Clients of library test.alltypes: per interface a typed handle, one function per
 * method and the receiving end of its events. Each call checks its arguments, sends with the
 * handle's timeout, validates the reply and returns ERR_OK, a negative ERR_* (transport,
 * kernel or validation) or the method's positive declared error.
 */
#ifndef TEST_ALLTYPES_ALLTYPES_CLIENT_H
#define TEST_ALLTYPES_ALLTYPES_CLIENT_H

#include "alltypes_types.h"

/*
 * A client of interface Everything: a server's endpoint capability and the deadline of every
 * call in microseconds (IPC_WAIT_FOREVER: none). For example
 * `struct test_alltypes_everything_client c = { .ep = ep, .timeout_us = 100000 };`
 */
struct test_alltypes_everything_client {
	cap_t ep;
	uint64_t timeout_us;
};

/* Echoes every scalar. */
int32_t test_alltypes_everything_scalars(const struct test_alltypes_everything_client *idl_client,
	const struct test_alltypes_scalars *in, struct test_alltypes_scalars *out);

/* Strings and bytes up to their bounds; the reply reverses them. */
int32_t test_alltypes_everything_strings(const struct test_alltypes_everything_client *idl_client,
	const struct test_alltypes_name_max_string *name,
	const struct test_alltypes_blob_max_bytes *blob,
	struct test_alltypes_name_max_string *rev_name,
	struct test_alltypes_blob_max_bytes *rev_blob);

/* Arrays: fixed numbers of scalars, structs, strings and arrays. */
int32_t test_alltypes_everything_arrays(const struct test_alltypes_everything_client *idl_client,
	const uint16_t nums[5], const struct test_alltypes_record recs[2],
	const struct idl_string_3 tags[2], const int8_t grid[2][3], int64_t *sum);

/*
 * Takes two capabilities and hands back one with fewer rights.
 * Positive results are Failure values (TEST_ALLTYPES_FAILURE_*).
 */
int32_t test_alltypes_everything_swap(const struct test_alltypes_everything_client *idl_client,
	cap_t mem, cap_t irq, uint8_t tag, cap_t *chan, uint8_t *tag_out);

/*
 * Fire and forget.
 * Oneway: returns once the message is sent; there is no reply.
 */
int32_t test_alltypes_everything_notify(const struct test_alltypes_everything_client *idl_client,
	int16_t shade, uint64_t wide, bool flag);

/*
 * Nothing in, nothing out, but may fail.
 * Positive results are Failure values (TEST_ALLTYPES_FAILURE_*).
 */
int32_t test_alltypes_everything_poke(const struct test_alltypes_everything_client *idl_client);

/*
 * A client of interface Counter: a server's endpoint capability and the deadline of every
 * call in microseconds (IPC_WAIT_FOREVER: none). For example
 * `struct test_alltypes_counter_client c = { .ep = ep, .timeout_us = 100000 };`
 */
struct test_alltypes_counter_client {
	cap_t ep;
	uint64_t timeout_us;
};

/* Adds to the counter and returns the new value. */
int32_t test_alltypes_counter_add(const struct test_alltypes_counter_client *idl_client,
	int32_t delta, int64_t *value);

/* Oneway: returns once the message is sent; there is no reply. */
int32_t test_alltypes_counter_reset(const struct test_alltypes_counter_client *idl_client);

#endif /* TEST_ALLTYPES_ALLTYPES_CLIENT_H */

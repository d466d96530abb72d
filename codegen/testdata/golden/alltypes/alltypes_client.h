/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/*
 * Client stubs of library test.alltypes: one function per method. Each checks its
 * arguments, sends with the given timeout, validates the reply and returns ERR_OK, a negative
 * ERR_* (transport, kernel or validation) or the method's positive declared error.
 */
#ifndef TEST_ALLTYPES_ALLTYPES_CLIENT_H
#define TEST_ALLTYPES_ALLTYPES_CLIENT_H

#include "alltypes_types.h"

/* Echoes every scalar. */
int32_t test_alltypes_everything_scalars(cap_t ep, uint64_t timeout_us, const struct test_alltypes_scalars *in, struct test_alltypes_scalars *out);

/* Strings and bytes up to their bounds; the reply reverses them. */
int32_t test_alltypes_everything_strings(cap_t ep, uint64_t timeout_us, const struct idl_string_12 *name, const struct idl_bytes_9 *blob, struct idl_string_12 *rev_name, struct idl_bytes_9 *rev_blob);

/* Arrays: fixed numbers of scalars, structs, strings and arrays. */
int32_t test_alltypes_everything_arrays(cap_t ep, uint64_t timeout_us, const uint16_t nums[5], const struct test_alltypes_record recs[2], const struct idl_string_3 tags[2], const int8_t grid[2][3], int64_t *sum);

/* Takes two capabilities and hands back one with fewer rights. */
/* Positive results are Failure values. */
int32_t test_alltypes_everything_swap(cap_t ep, uint64_t timeout_us, cap_t mem, cap_t irq, uint8_t tag, cap_t *chan, uint8_t *tag_out);

/* Fire and forget. */
/* Oneway: returns once the message is sent; there is no reply. */
int32_t test_alltypes_everything_notify(cap_t ep, uint64_t timeout_us, int16_t shade, uint64_t wide, bool flag);

/* Nothing in, nothing out, but may fail. */
/* Positive results are Failure values. */
int32_t test_alltypes_everything_poke(cap_t ep, uint64_t timeout_us);

/* Adds to the counter and returns the new value. */
int32_t test_alltypes_counter_add(cap_t ep, uint64_t timeout_us, int32_t delta, int64_t *value);

/* Oneway: returns once the message is sent; there is no reply. */
int32_t test_alltypes_counter_reset(cap_t ep, uint64_t timeout_us);

#endif /* TEST_ALLTYPES_ALLTYPES_CLIENT_H */

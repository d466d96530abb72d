/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/*
 * Client stubs of library test.fullmsg: one function per method. Each checks its
 * arguments, sends with the given timeout, validates the reply and returns ERR_OK, a negative
 * ERR_* (transport, kernel or validation) or the method's positive declared error.
 */
#ifndef TEST_FULLMSG_FULLMSG_CLIENT_H
#define TEST_FULLMSG_FULLMSG_CLIENT_H

#include "fullmsg_types.h"

/* 1 + 254 + 1 = 256 bytes: exactly a full message. */
int32_t test_fullmsg_full_exact(cap_t ep, uint64_t timeout_us, const struct idl_bytes_254 *blob, uint8_t last, uint8_t status_copy[252]);

/* Four capabilities, the most a message carries. */
int32_t test_fullmsg_full_four(cap_t ep, uint64_t timeout_us, cap_t a, cap_t b, cap_t c, cap_t d, cap_t *out_a, cap_t *out_b, cap_t *out_c, cap_t *out_d);

/* A 255-byte string: the largest bound. */
int32_t test_fullmsg_full_longest(cap_t ep, uint64_t timeout_us, const struct idl_string_255 *text, uint8_t *len);

#endif /* TEST_FULLMSG_FULLMSG_CLIENT_H */

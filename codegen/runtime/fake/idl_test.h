/*
 * What every generated malformed-message test (<base>_malformed_test.c) shares: a corruption
 * of one wire field, the description of one request or event the generic tests walk, and
 * the checks they make. Host only (CMocka, the fake transport). Names start with idl_test_,
 * which neither IDL names nor generated names can.
 */
#ifndef KEEL_IDL_TEST_H
#define KEEL_IDL_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <keel/idl_runtime.h>

#include "fake_transport.h"

/* Fails the current test naming the method, event or struct and the case. */
#define IDL_TEST_EXPECT(name, what, cond)                                        \
	do {                                                                     \
		if (!(cond))                                                     \
			fail_msg("%s (%s): expected %s", (name), (what), #cond); \
	} while (0)

/* A corruption of a single wire field: write value (width bytes, little-endian) at offset. */
struct idl_test_corruption {
	const char *what; /* NULL ends a table */
	uint32_t offset;
	uint32_t width;
	uint64_t value;
};

static inline void idl_test_corrupt(uint8_t *data, const struct idl_test_corruption *c)
{
	for (uint32_t i = 0; i < c->width; i++)
		data[c->offset + i] = (uint8_t)(c->value >> (8 * i));
}

/* One request or event: what the generic tests need to know about it. */
struct idl_test_case {
	const char *name;
	uint32_t index;        /* its error counter: method or event index */
	bool call;             /* a two-way method: sent with ipc_call */
	uint32_t rights;       /* caller rights the method requires */
	uint32_t length;       /* request or event length */
	uint32_t reply_length; /* two-way: length of the reply to the stub's results */
	void (*sample)(struct ipc_message *msg, struct ipc_recv_info *info);
	const struct idl_test_corruption *corruptions; /* ends with what == NULL */
	uint32_t caps;
	const uint8_t *cap_types;
	const uint32_t *cap_rights;
};

/* Walks a table of cases. */
#define IDL_TEST_FOR_EACH(c, table)                              \
	for (const struct idl_test_case *c = (table);            \
	     c < (table) + sizeof(table) / sizeof((table)[0]); c++)

/* Fills info as the kernel would for a valid message carrying caps of these types. */
static inline void idl_test_sample_info(struct ipc_recv_info *info, uint32_t flags,
					const uint8_t *types, uint32_t caps)
{
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = flags;
	for (uint32_t k = 0; k < caps; k++) {
		info->cap_type[k] = types[k];
		info->cap_rights[k] = CAP_RIGHTS_ALL;
	}
}

/* Every capability the message carried was released exactly once, and nothing else. */
static inline void idl_test_expect_released(const char *name, const char *what,
					    const cap_t *sent)
{
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++) {
		if (sent[s] != CAP_NULL)
			IDL_TEST_EXPECT(name, what, fake_cap_delete_count(sent[s]) == 1);
	}
	IDL_TEST_EXPECT(name, what, fake_bad_deletes() == 0);
}

/* How many lengths idl_test_bad_length offers (k = 0 .. IDL_TEST_BAD_LENGTHS - 1). */
#define IDL_TEST_BAD_LENGTHS 7u

/*
 * The k-th length a message of c->length bytes must never be accepted with: one byte short,
 * one over, 0, 1, the whole data, one past it, and the largest. False if it happens to be the
 * right one (skip it).
 */
static inline bool idl_test_bad_length(const struct idl_test_case *c, uint32_t k,
				       uint32_t *length)
{
	static const uint32_t fixed[] = { 0u, 1u, IPC_DATA_BYTES, IPC_DATA_BYTES + 1u,
					  0xffffffffu };

	*length = k == 0 ? c->length - 1u : k == 1 ? c->length + 1u : fixed[k - 2];
	return *length != c->length;
}

#endif /* KEEL_IDL_TEST_H */

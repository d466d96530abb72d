/*
 * Host round-trip tests of generated code for codegen/testdata/alltypes.idl: every type and
 * bound goes client -> fake transport -> dispatch -> handler -> reply -> client losslessly,
 * and capabilities arrive reduced to the declared rights.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "codegen/alltypes_client.h"
#include "codegen/alltypes_server.h"
#include "fake_transport.h"

#define TIMEOUT 1000u

/* What the handlers saw, for comparison with what the client sent. */
static struct {
	int calls;
	uint16_t nums[5];
	struct test_alltypes_record recs[2];
	struct idl_string_3 tags[2];
	int8_t grid[2][3];
	cap_t mem, irq;
	uint32_t mem_rights, irq_rights;
	uint64_t badge;
	int16_t shade;
	uint64_t wide;
	bool flag;
	int32_t poke_result;
} seen;

static int32_t h_scalars(void *ctx, const struct idl_caller *caller,
			 const struct test_alltypes_scalars *in, struct test_alltypes_scalars *out)
{
	(void)ctx;
	seen.calls++;
	seen.badge = caller->badge;
	*out = *in;
	return ERR_OK;
}

/* Replies with both inputs reversed. */
static int32_t h_strings(void *ctx, const struct idl_caller *caller,
			 const struct test_alltypes_name_max_string *name, const struct test_alltypes_blob_max_bytes *blob,
			 struct test_alltypes_name_max_string *rev_name, struct test_alltypes_blob_max_bytes *rev_blob)
{
	(void)ctx;
	(void)caller;
	seen.calls++;
	rev_name->len = name->len;
	for (uint32_t i = 0; i < name->len; i++)
		rev_name->data[i] = name->data[name->len - 1 - i];
	rev_blob->len = blob->len;
	for (uint32_t i = 0; i < blob->len; i++)
		rev_blob->data[i] = blob->data[blob->len - 1 - i];
	return ERR_OK;
}

static int32_t h_arrays(void *ctx, const struct idl_caller *caller, const uint16_t nums[5],
			const struct test_alltypes_record recs[2], const struct idl_string_3 tags[2],
			const int8_t grid[2][3], int64_t *sum)
{
	(void)ctx;
	(void)caller;
	seen.calls++;
	memcpy(seen.nums, nums, sizeof(seen.nums));
	memcpy(seen.recs, recs, sizeof(seen.recs));
	memcpy(seen.tags, tags, sizeof(seen.tags));
	memcpy(seen.grid, grid, sizeof(seen.grid));
	*sum = 0;
	for (int i = 0; i < 5; i++)
		*sum += nums[i];
	return ERR_OK;
}

/* Keeps the received caps; answers with a new channel cap, or FAILURE_DENIED when tag is 0. */
static int32_t h_swap(void *ctx, const struct idl_caller *caller, cap_t mem, cap_t irq,
		      uint8_t tag, cap_t *chan, uint8_t *tag_out)
{
	(void)ctx;
	(void)caller;
	seen.calls++;
	seen.mem = mem;
	seen.irq = irq;
	seen.mem_rights = fake_cap_rights(mem);
	seen.irq_rights = fake_cap_rights(irq);
	*chan = fake_cap_new(CAP_TYPE_CHANNEL, CAP_RIGHTS_ALL);
	*tag_out = (uint8_t)(tag + 1);
	return tag == 0 ? TEST_ALLTYPES_FAILURE_DENIED : ERR_OK;
}

static void h_notify(void *ctx, const struct idl_caller *caller, int16_t shade, uint64_t wide,
		     bool flag)
{
	(void)ctx;
	(void)caller;
	seen.calls++;
	seen.shade = shade;
	seen.wide = wide;
	seen.flag = flag;
}

static int32_t h_poke(void *ctx, const struct idl_caller *caller)
{
	(void)ctx;
	(void)caller;
	seen.calls++;
	return seen.poke_result;
}

static const struct test_alltypes_everything_handlers handlers = {
	.scalars = h_scalars, .strings = h_strings, .arrays = h_arrays,
	.swap = h_swap, .notify = h_notify, .poke = h_poke,
};

static struct test_alltypes_everything_server server;

/* A fresh world: fake kernel, server, and a client whose endpoint cap has these rights. */
static struct test_alltypes_everything_client setup(uint32_t rights)
{
	struct test_alltypes_everything_client client = { .timeout_us = TIMEOUT };

	fake_reset();
	memset(&seen, 0, sizeof(seen));
	test_alltypes_everything_server_init(&server, CAP_NULL, &handlers, NULL);
	client.ep = fake_endpoint_new(test_alltypes_everything_dispatch_untyped, &server,
				      0xbadc0ffeeull, rights);
	return client;
}

static void test_scalars_extremes(void **state)
{
	struct test_alltypes_scalars lo = { 0, 0, 0, 0, INT8_MIN, INT16_MIN, INT32_MIN, INT64_MIN,
					    false, TEST_ALLTYPES_SHADE_DEEP };
	struct test_alltypes_scalars hi = { UINT8_MAX, UINT16_MAX, UINT32_MAX, UINT64_MAX,
					    INT8_MAX, INT16_MAX, INT32_MAX, INT64_MAX, true,
					    TEST_ALLTYPES_SHADE_LIGHT };
	struct test_alltypes_scalars out;
	struct test_alltypes_everything_client ep = setup(0);

	(void)state;
	assert_int_equal(test_alltypes_everything_scalars(&ep, &lo, &out), ERR_OK);
	assert_memory_equal(&out.a, &lo.a, 1);
	assert_true(out.b == lo.b && out.c == lo.c && out.d == lo.d && out.e == lo.e);
	assert_true(out.f == lo.f && out.g == lo.g && out.h == lo.h && out.flag == lo.flag);
	assert_int_equal(out.shade, TEST_ALLTYPES_SHADE_DEEP);
	assert_int_equal(test_alltypes_everything_scalars(&ep, &hi, &out), ERR_OK);
	assert_true(out.a == hi.a && out.b == hi.b && out.c == hi.c && out.d == hi.d);
	assert_true(out.e == hi.e && out.f == hi.f && out.g == hi.g && out.h == hi.h);
	assert_true(out.flag && out.shade == TEST_ALLTYPES_SHADE_LIGHT);
	assert_int_equal(seen.calls, 2);
	assert_true(seen.badge == 0xbadc0ffeeull);
}

static void test_scalars_bad_enum_refused_by_client(void **state)
{
	struct test_alltypes_scalars in = { .shade = 1 }, out;
	struct test_alltypes_everything_client ep = setup(0);

	(void)state;
	assert_int_equal(test_alltypes_everything_scalars(&ep, &in, &out), ERR_INVALID);
	assert_int_equal(seen.calls, 0);
}

static void test_strings_full_and_empty(void **state)
{
	struct test_alltypes_name_max_string name = { 12, "abcdefghijkl" }, rev;
	struct test_alltypes_blob_max_bytes blob = { 9, { 0, 1, 2, 3, 4, 5, 6, 7, 0xff } }, rblob;
	struct test_alltypes_everything_client ep = setup(CAP_RIGHT_READ);

	(void)state;
	assert_int_equal(test_alltypes_everything_strings(&ep, &name, &blob, &rev, &rblob),
			 ERR_OK);
	assert_int_equal(rev.len, 12);
	assert_memory_equal(rev.data, "lkjihgfedcba", 12);
	assert_int_equal(rblob.len, 9);
	assert_int_equal(rblob.data[0], 0xff);
	assert_int_equal(rblob.data[8], 0);
	name.len = 0;
	blob.len = 0;
	assert_int_equal(test_alltypes_everything_strings(&ep, &name, &blob, &rev, &rblob),
			 ERR_OK);
	assert_int_equal(rev.len, 0);
	assert_int_equal(rblob.len, 0);
}

static void test_string_one_over_bound_is_refused(void **state)
{
	struct test_alltypes_name_max_string name = { 13, "abcdefghijkl" }, rev;
	struct test_alltypes_blob_max_bytes blob = { 1, { 7 } }, rblob;
	struct test_alltypes_everything_client ep = setup(CAP_RIGHT_READ);

	(void)state;
	assert_int_equal(test_alltypes_everything_strings(&ep, &name, &blob, &rev, &rblob),
			 ERR_OVERFLOW);
	name.len = 1;
	blob.len = 10;
	assert_int_equal(test_alltypes_everything_strings(&ep, &name, &blob, &rev, &rblob),
			 ERR_OVERFLOW);
	assert_int_equal(seen.calls, 0);
}

static void test_arrays_lossless(void **state)
{
	uint16_t nums[5] = { 1, 2, 3, 0xffff, 0 };
	struct test_alltypes_record recs[2] = {
		{ 7, { 3, "abc" }, { { -1, 1, true }, { INT16_MIN, INT16_MAX, false } },
		  TEST_ALLTYPES_WIDE_HIGH },
		{ 0xffffffffu, { 12, "twelve chars" }, { { 0, 0, false }, { 5, 6, true } },
		  TEST_ALLTYPES_WIDE_LOW },
	};
	struct idl_string_3 tags[2] = { { 3, "xyz" }, { 0, "" } };
	int8_t grid[2][3] = { { -128, 0, 127 }, { 1, -1, 2 } };
	int64_t sum = 0;
	struct test_alltypes_everything_client ep = setup(0);

	(void)state;
	assert_int_equal(test_alltypes_everything_arrays(&ep, nums, recs, tags, grid, &sum),
			 ERR_OK);
	assert_int_equal(sum, 1 + 2 + 3 + 0xffff);
	assert_memory_equal(seen.nums, nums, sizeof(nums));
	assert_memory_equal(seen.grid, grid, sizeof(grid));
	for (int i = 0; i < 2; i++) {
		assert_int_equal(seen.recs[i].id, recs[i].id);
		assert_int_equal(seen.recs[i].name.len, recs[i].name.len);
		assert_memory_equal(seen.recs[i].name.data, recs[i].name.data, recs[i].name.len);
		assert_true(seen.recs[i].wide == recs[i].wide);
		for (int j = 0; j < 2; j++) {
			assert_int_equal(seen.recs[i].points[j].x, recs[i].points[j].x);
			assert_int_equal(seen.recs[i].points[j].y, recs[i].points[j].y);
			assert_int_equal(seen.recs[i].points[j].on, recs[i].points[j].on);
		}
		assert_int_equal(seen.tags[i].len, tags[i].len);
		assert_memory_equal(seen.tags[i].data, tags[i].data, tags[i].len);
	}
}

static void test_swap_caps_reduced_both_ways(void **state)
{
	struct test_alltypes_everything_client ep = setup(CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	cap_t mem = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	cap_t irq = fake_cap_new(CAP_TYPE_IRQ, CAP_RIGHT_READ | CAP_RIGHT_GRANT);
	cap_t chan = CAP_NULL;
	uint8_t tag = 0;

	(void)state;
	assert_int_equal(test_alltypes_everything_swap(&ep, mem, irq, 41, &chan, &tag),
			 ERR_OK);
	assert_int_equal(tag, 42);
	assert_int_equal(seen.mem, mem);
	assert_int_equal(seen.mem_rights, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	assert_int_equal(seen.irq_rights, CAP_RIGHT_READ);
	assert_int_equal(fake_cap_type(chan), CAP_TYPE_CHANNEL);
	assert_int_equal(fake_cap_rights(chan), CAP_RIGHT_WRITE);
	assert_int_equal(fake_deletes(), 0);
}

static void test_swap_declared_error_releases_result_cap(void **state)
{
	struct test_alltypes_everything_client ep = setup(CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	cap_t mem = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	cap_t irq = fake_cap_new(CAP_TYPE_IRQ, CAP_RIGHT_READ);
	cap_t chan = CAP_NULL;
	uint8_t tag = 9;

	(void)state;
	assert_int_equal(test_alltypes_everything_swap(&ep, mem, irq, 0, &chan, &tag),
			 TEST_ALLTYPES_FAILURE_DENIED);
	assert_int_equal(chan, CAP_NULL);
	assert_int_equal(tag, 9);
	assert_int_equal(fake_deletes(), 1); /* the channel the handler made but could not send */
	assert_int_equal(fake_bad_deletes(), 0);
}

static void test_swap_caller_rights_and_null_cap(void **state)
{
	struct test_alltypes_everything_client ep = setup(CAP_RIGHT_WRITE);
	cap_t mem = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	cap_t irq = fake_cap_new(CAP_TYPE_IRQ, CAP_RIGHTS_ALL);
	cap_t chan = CAP_NULL;
	uint8_t tag;

	(void)state;
	assert_int_equal(test_alltypes_everything_swap(&ep, mem, irq, 1, &chan, &tag),
			 ERR_RIGHTS);
	assert_int_equal(seen.calls, 0);
	assert_int_equal(server.errors[TEST_ALLTYPES_EVERYTHING_SWAP_INDEX], 1);
	assert_int_equal(fake_deletes(), 2); /* the fake shares one table: the server released both */
	assert_int_equal(test_alltypes_everything_swap(&ep, CAP_NULL, irq, 1, &chan, &tag),
			 ERR_BAD_CAP);
}

static void test_oneway_and_empty(void **state)
{
	struct test_alltypes_everything_client ep = setup(0);

	(void)state;
	assert_int_equal(test_alltypes_everything_notify(&ep, TEST_ALLTYPES_SHADE_DEEP,
							 TEST_ALLTYPES_WIDE_HIGH, true), ERR_OK);
	assert_int_equal(seen.shade, TEST_ALLTYPES_SHADE_DEEP);
	assert_true(seen.wide == TEST_ALLTYPES_WIDE_HIGH && seen.flag);
	assert_int_equal(test_alltypes_everything_notify(&ep, 3, TEST_ALLTYPES_WIDE_LOW,
							 false), ERR_INVALID);
	assert_int_equal(test_alltypes_everything_poke(&ep), ERR_OK);
	seen.poke_result = TEST_ALLTYPES_FAILURE_FULL;
	assert_int_equal(test_alltypes_everything_poke(&ep), TEST_ALLTYPES_FAILURE_FULL);
	seen.poke_result = 3; /* not a Failure value: the server must not pass it on */
	assert_int_equal(test_alltypes_everything_poke(&ep), ERR_PROTOCOL);
	seen.poke_result = ERR_BUSY;
	assert_int_equal(test_alltypes_everything_poke(&ep), ERR_BUSY);
	assert_int_equal(seen.calls, 5);
}

static void test_transport_errors(void **state)
{
	struct test_alltypes_everything_client ep = setup(0);

	(void)state;
	fake_fail_next(ERR_PEER_DIED);
	assert_int_equal(test_alltypes_everything_poke(&ep), ERR_PEER_DIED);
	fake_fail_next(ERR_TIMEOUT);
	assert_int_equal(test_alltypes_everything_poke(&ep), ERR_TIMEOUT);
	ep.ep = CAP_NULL;
	assert_int_equal(test_alltypes_everything_poke(&ep), ERR_BAD_CAP);
	assert_int_equal(seen.calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars_extremes),
		cmocka_unit_test(test_scalars_bad_enum_refused_by_client),
		cmocka_unit_test(test_strings_full_and_empty),
		cmocka_unit_test(test_string_one_over_bound_is_refused),
		cmocka_unit_test(test_arrays_lossless),
		cmocka_unit_test(test_swap_caps_reduced_both_ways),
		cmocka_unit_test(test_swap_declared_error_releases_result_cap),
		cmocka_unit_test(test_swap_caller_rights_and_null_cap),
		cmocka_unit_test(test_oneway_and_empty),
		cmocka_unit_test(test_transport_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

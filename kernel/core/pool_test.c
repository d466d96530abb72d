/*
 * Host tests for the object pool: allocation order, zeroed objects, FIFO reuse, stale and
 * malformed ids, generation wrap, and a panic for every misuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/host_fake.h>
#include <kernel/pool.h>
#include <keel/abi.h>

#define SLOTS 4

struct widget {
	struct kobj kobj;
	uint32_t payload[5];
};

struct gadget {
	struct kobj kobj;
	uint8_t byte;
};

POOL_DEFINE(widgets, struct widget, SLOTS, CAP_TYPE_ENDPOINT, 0);
POOL_DEFINE(gadgets, struct gadget, 2, CAP_TYPE_CHANNEL, KOBJ_COUNTED);

static int setup(void **state)
{
	(void)state;
	pool_init(&widgets);
	pool_init(&gadgets);
	host_console_reset();
	return 0;
}

static void test_fresh_objects_in_index_order(void **state)
{
	(void)state;
	assert_int_equal(widgets.free_count, SLOTS);
	for (uint32_t i = 0; i < SLOTS; i++) {
		struct widget *w = pool_alloc(&widgets);

		assert_non_null(w);
		assert_int_equal(pool_index(&widgets, w), i);
		assert_int_equal(w->kobj.type, CAP_TYPE_ENDPOINT);
		assert_int_equal(w->kobj.gen, 1);
		assert_int_equal(w->kobj.flags, 0);
		assert_int_equal(w->kobj.refs, 0);
		assert_int_equal(pool_id(&widgets, w), 0x10000u | i);
		assert_ptr_equal(pool_lookup(&widgets, pool_id(&widgets, w)), w);
		assert_int_equal(widgets.free_count, SLOTS - 1 - i);
	}
	assert_null(pool_alloc(&widgets)); /* exhausted */
	assert_int_equal(widgets.free_count, 0);
	assert_int_equal(((struct kobj *)pool_alloc(&gadgets))->flags, KOBJ_COUNTED); /* its pool's */
}

static void test_reuse_is_fifo_zeroed_and_stales_ids(void **state)
{
	(void)state;
	struct widget *w[SLOTS];

	for (unsigned i = 0; i < SLOTS; i++)
		w[i] = pool_alloc(&widgets);
	uint32_t old2 = pool_id(&widgets, w[2]), old0 = pool_id(&widgets, w[0]);

	w[2]->payload[4] = 0xdeadbeef;
	pool_free(&widgets, w[2]);
	pool_free(&widgets, w[0]);
	assert_null(pool_lookup(&widgets, old2)); /* stale as soon as it is freed */
	assert_int_equal(widgets.free_count, 2);

	struct widget *a = pool_alloc(&widgets), *b = pool_alloc(&widgets);

	assert_ptr_equal(a, w[2]); /* freed first, reused first */
	assert_ptr_equal(b, w[0]);
	assert_int_equal(a->payload[4], 0); /* zeroed on reuse */

	assert_int_equal(pool_id(&widgets, a), old2 + 0x10000u); /* next generation */
	assert_null(pool_lookup(&widgets, old2));
	assert_null(pool_lookup(&widgets, old0));
	assert_ptr_equal(pool_lookup(&widgets, pool_id(&widgets, b)), b);
}

static void test_lookup_rejects_garbage(void **state)
{
	(void)state;
	struct widget *w = pool_alloc(&widgets);
	uint32_t id = pool_id(&widgets, w);

	assert_null(pool_lookup(&widgets, POOL_ID_INVALID));
	assert_null(pool_lookup(&widgets, 0xffffffffu));
	assert_null(pool_lookup(&widgets, 0));		      /* generation 0 of slot 0 */
	assert_null(pool_lookup(&widgets, 0x10000u | SLOTS)); /* index out of range */
	assert_null(pool_lookup(&widgets, 0x10001u));	      /* a slot never handed out */
	assert_null(pool_lookup(&widgets, id + 0x10000u));    /* right slot, wrong generation */
	assert_null(pool_lookup(&widgets, id | 0x80000000u)); /* bit 31 is never set */
	assert_null(pool_lookup(&gadgets, id));		      /* another pool's slot is free */
	assert_ptr_equal(pool_lookup(&widgets, id), w);
}

static void test_generations_wrap_and_ids_stay_positive(void **state)
{
	(void)state;
	uint32_t prev = POOL_ID_INVALID;

	for (unsigned i = 0; i < SLOTS - 1; i++) /* leave exactly one slot cycling */
		assert_non_null(pool_alloc(&widgets));
	for (uint32_t round = 1; round <= POOL_GEN_MAX + 2; round++) {
		struct widget *w = pool_alloc(&widgets);
		uint32_t id = pool_id(&widgets, w);

		assert_true((int32_t)id > 0);
		assert_int_not_equal(id, prev);
		assert_int_equal(w->kobj.gen, round <= POOL_GEN_MAX ? round : round - POOL_GEN_MAX);
		prev = id;
		pool_free(&widgets, w);
	}
}

/* Runs fn(obj) expecting a panic whose message contains `needle`. */
static void expect_panic(void (*fn)(void *), void *obj, const char *needle)
{
	jmp_buf env;

	if (setjmp(env) == 0) {
		host_panic_arm(&env);
		fn(obj);
		host_panic_disarm();
		fail_msg("no panic for: %s", needle);
	}
	assert_non_null(strstr(host_console_output(), needle));
	host_console_reset();
}

static void free_widget(void *obj)
{
	pool_free(&widgets, obj);
}

static void id_of_widget(void *obj)
{
	pool_id(&widgets, obj);
}

static void test_misuse_panics(void **state)
{
	(void)state;
	struct widget *w = pool_alloc(&widgets), *v = pool_alloc(&widgets);
	struct gadget *g = pool_alloc(&gadgets);

	pool_free(&widgets, w);
	expect_panic(free_widget, w, "pool struct widget: freeing free slot 0");
	expect_panic(id_of_widget, w, "pool struct widget: id of free slot 0");
	expect_panic(free_widget, g, "is not one of its objects");
	expect_panic(free_widget, &v->payload[0], "is not one of its objects");
	v->kobj.flags = KOBJ_COUNTED;
	v->kobj.refs = 1;
	expect_panic(free_widget, v, "assertion failed");
	assert_ptr_equal(pool_lookup(&widgets, pool_id(&widgets, v)), v); /* still allocated */
	assert_int_equal(widgets.free_count, SLOTS - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_fresh_objects_in_index_order, setup),
	    cmocka_unit_test_setup(test_reuse_is_fifo_zeroed_and_stales_ids, setup),
	    cmocka_unit_test_setup(test_lookup_rejects_garbage, setup),
	    cmocka_unit_test_setup(test_generations_wrap_and_ids_stay_positive, setup),
	    cmocka_unit_test_setup(test_misuse_panics, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

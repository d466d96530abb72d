/*
 * Host tests for units on their pool: exhaustion, stale ids, names, ids distinct from PMM owners,
 * a reused slot starting with an empty loader image, and a gone unit kept while named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/kobj.h>
#include <kernel/pmm.h>
#include <kernel/pool.h>
#include <kernel/unit.h>
#include <keel/abi.h>

static int setup(void **state)
{
	(void)state;
	pool_init(&unit_pool);
	kobj_on_unit_release(unit_release_ref);
	return 0;
}

static void test_alloc_fields(void **state)
{
	(void)state;
	struct unit *u;
	struct page_table *pt = (struct page_table *)0x1000;

	assert_int_equal(unit_alloc("console", pt, NULL, &u), ERR_OK);
	assert_string_equal(u->name, "console");
	assert_ptr_equal(u->aspace, pt);
	assert_int_equal(u->thread_count, 0);
	assert_true(list_is_empty(&u->threads));
	assert_int_equal(u->kobj.type, CAP_TYPE_UNIT);
	assert_int_equal(u->image.region_count, 0); /* nothing loaded yet */
	assert_true(u->id > PMM_OWNER_KERNEL); /* usable as a frame owner */
}

static void test_name_truncated(void **state)
{
	(void)state;
	struct unit *u;
	char long_name[100];

	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(unit_alloc(long_name, NULL, NULL, &u), ERR_OK);
	assert_int_equal(strlen(u->name), UNIT_NAME_MAX - 1);
	assert_int_equal(unit_alloc(NULL, NULL, NULL, &u), ERR_OK);
	assert_string_equal(u->name, "");
}

static void test_exhaust_and_stale(void **state)
{
	(void)state;
	struct unit *all[UNIT_MAX], *u;

	for (unsigned i = 0; i < UNIT_MAX; i++)
		assert_int_equal(unit_alloc("u", NULL, NULL, &all[i]), ERR_OK);
	assert_int_equal(pool_free_of_type(CAP_TYPE_UNIT), 0);
	assert_int_equal(unit_alloc("one too many", NULL, NULL, &u), ERR_NOMEM);
	unit_id_t old = all[3]->id;

	all[3]->image.region_count = 2; /* as if the loader had mapped something */
	assert_int_equal(unit_free(all[3]), ERR_OK);
	assert_int_equal(all[3]->kobj.type, CAP_TYPE_NONE); /* its slot is free */
	assert_int_equal(unit_alloc("again", NULL, NULL, &u), ERR_OK);
	assert_ptr_equal(u, all[3]);
	assert_int_not_equal(u->id, old);
	assert_int_equal(u->image.region_count, 0); /* the old unit's record is gone */
}

/*
 * A unit that has gone stays while a capability names it (its end stays readable), whichever
 * of the two goes last frees the slot; a running unit's last capability frees nothing.
 */
static void test_named_unit_outlives_its_end(void **state)
{
	struct unit *u;

	(void)state;
	assert_int_equal(unit_alloc("svc", NULL, NULL, &u), ERR_OK);
	kobj_ref(&u->kobj, CAP_RIGHTS_ALL); /* someone's capability */
	u->ended = true;
	assert_int_equal(unit_free(u), ERR_OK); /* teardown done: kept, named */
	assert_int_equal(u->kobj.type, CAP_TYPE_UNIT);
	kobj_unref(&u->kobj, CAP_RIGHTS_ALL); /* the last capability goes: now it is freed */
	assert_int_equal(u->kobj.type, CAP_TYPE_NONE);

	assert_int_equal(unit_alloc("running", NULL, NULL, &u), ERR_OK);
	kobj_ref(&u->kobj, CAP_RIGHTS_ALL);
	kobj_unref(&u->kobj, CAP_RIGHTS_ALL); /* still running: its teardown will free it */
	assert_int_equal(u->kobj.type, CAP_TYPE_UNIT);
	u->ended = true;
	assert_int_equal(unit_free(u), ERR_OK);
	assert_int_equal(u->kobj.type, CAP_TYPE_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_alloc_fields, setup),
	    cmocka_unit_test_setup(test_name_truncated, setup),
	    cmocka_unit_test_setup(test_exhaust_and_stale, setup),
	    cmocka_unit_test_setup(test_named_unit_outlives_its_end, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

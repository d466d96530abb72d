/* Host tests for the thread pool: exhaustion, reuse, stale ids, kernel stacks, unit links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arch/host_fake.h>
#include <kernel/pool.h>
#include <kernel/thread.h>
#include <kernel/unit.h>
#include <keel/abi.h>

static int setup(void **state)
{
	(void)state;
	pool_init(&thread_pool);
	pool_init(&unit_pool);
	kobj_on_unit_release(unit_release_ref);
	return 0;
}

static void test_fresh_thread(void **state)
{
	(void)state;
	struct thread *t;

	assert_int_equal(thread_alloc(NULL, 42, &t), ERR_OK);
	assert_int_equal(t->state, THREAD_BLOCKED);
	assert_int_equal(t->block_reason, BLOCK_NOT_STARTED);
	assert_int_equal(t->base_prio, 42);
	assert_int_equal(t->eff_prio, 42);
	assert_int_equal(t->slice_left_us, THREAD_DEFAULT_SLICE_US);
	assert_int_equal(t->sleep_index, -1);
	assert_int_equal(t->wake_deadline_us, NO_DEADLINE);
	assert_false(list_node_linked(&t->run_link));
	assert_ptr_equal(pool_lookup(&thread_pool, t->tid), t);
	assert_int_not_equal(t->tid, TID_INVALID);
	assert_int_equal(t->kobj.type, CAP_TYPE_THREAD);
	assert_int_equal(t->tid, (uint32_t)t->kobj.gen << 16); /* slot 0 of a fresh pool */
	assert_int_equal((uintptr_t)t->kstack_base % 16, 0);
	assert_int_equal((char *)t->kstack_top - (char *)t->kstack_base, THREAD_KSTACK_SIZE);
}

static void test_exhaust_and_reuse(void **state)
{
	(void)state;
	struct thread *all[THREAD_MAX], *t;

	for (unsigned i = 0; i < THREAD_MAX; i++) {
		assert_int_equal(thread_alloc(NULL, 1, &all[i]), ERR_OK);
		for (unsigned k = 0; k < i; k++) /* distinct objects and stacks */
			assert_true(all[k] != all[i] && all[k]->kstack_base != all[i]->kstack_base);
	}
	assert_int_equal(pool_free_of_type(CAP_TYPE_THREAD), 0);
	assert_int_equal(thread_alloc(NULL, 1, &t), ERR_NOMEM);
	tid_t old = all[5]->tid;

	all[5]->state = THREAD_DEAD;
	thread_free(all[5]);
	assert_null(pool_lookup(&thread_pool, old)); /* stale */
	assert_int_equal(thread_alloc(NULL, 1, &t), ERR_OK);
	assert_ptr_equal(t, all[5]); /* the only free slot */
	assert_int_not_equal(t->tid, old);
	assert_null(pool_lookup(&thread_pool, old));
	assert_ptr_equal(pool_lookup(&thread_pool, t->tid), t);
}

static void test_lookup_rejects_garbage(void **state)
{
	(void)state;
	struct thread *t;

	assert_null(pool_lookup(&thread_pool, TID_INVALID));
	assert_null(pool_lookup(&thread_pool, 0xffffffffu));
	assert_null(pool_lookup(&thread_pool, THREAD_MAX)); /* index out of range, generation 0 */
	assert_null(pool_lookup(&thread_pool, (1u << 16) | 3)); /* a slot never handed out */
	assert_int_equal(thread_alloc(NULL, 1, &t), ERR_OK);
	assert_null(
	    pool_lookup(&thread_pool, t->tid + (1u << 16))); /* right slot, wrong generation */
}

static void test_ids_stay_positive_across_generations(void **state)
{
	(void)state;
	struct thread *t, *hold[THREAD_MAX - 1];
	tid_t prev = TID_INVALID;

	for (unsigned i = 0; i < THREAD_MAX - 1; i++) /* leave exactly one slot cycling */
		assert_int_equal(thread_alloc(NULL, 1, &hold[i]), ERR_OK);
	for (unsigned round = 0; round < 0x10000 + 10; round++) {
		assert_int_equal(thread_alloc(NULL, 1, &t), ERR_OK);
		assert_true((int32_t)t->tid > 0); /* a syscall can return it */
		assert_int_not_equal(t->tid, prev);
		prev = t->tid;
		thread_free(t);
	}
}

static void test_unit_thread_links(void **state)
{
	(void)state;
	struct unit *u;
	struct thread *a, *b;

	assert_int_equal(unit_alloc("init", NULL, NULL, &u), ERR_OK);
	assert_int_equal(thread_alloc(u, 10, &a), ERR_OK);
	assert_int_equal(thread_alloc(u, 10, &b), ERR_OK);
	assert_ptr_equal(a->unit, u);
	assert_int_equal(u->thread_count, 2);
	assert_int_equal(unit_free(u), ERR_BUSY);
	a->state = THREAD_DEAD;
	assert_int_equal(thread_free(a), 1);
	assert_int_equal(thread_free(b), 0); /* not started: may be freed too */
	assert_int_equal(unit_free(u), ERR_OK);
}

static void test_free_of_queued_thread_panics(void **state)
{
	(void)state;
	struct thread *t;
	jmp_buf env;

	assert_int_equal(thread_alloc(NULL, 1, &t), ERR_OK);
	t->state = THREAD_READY;
	if (setjmp(env) == 0) {
		host_panic_arm(&env);
		thread_free(t);
		host_panic_disarm();
		fail_msg("freeing a READY thread was accepted");
	}
	assert_ptr_equal(pool_lookup(&thread_pool, t->tid), t); /* still allocated */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_fresh_thread, setup),
	    cmocka_unit_test_setup(test_exhaust_and_reuse, setup),
	    cmocka_unit_test_setup(test_lookup_rejects_garbage, setup),
	    cmocka_unit_test_setup(test_ids_stay_positive_across_generations, setup),
	    cmocka_unit_test_setup(test_unit_thread_links, setup),
	    cmocka_unit_test_setup(test_free_of_queued_thread_panics, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Host tests for kobj_release: a type without a destroy function (owned or unknown types)
 * must panic and name itself: its release is a bug in the capability layer. A unit's last
 * capability goes to the unit layer's hook (its slot stays while named).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/host_fake.h>
#include <kernel/kobj.h>
#include <keel/abi.h>

/* Releases an object of `type` and returns the panic line it printed (fails if none). */
static const char *release_panics(uint8_t type)
{
	struct kobj obj = {.type = type, .flags = KOBJ_COUNTED, .gen = 1};
	jmp_buf env;

	host_console_reset();
	if (setjmp(env) == 0) {
		host_panic_arm(&env);
		kobj_release(&obj);
		host_panic_disarm();
		fail_msg("kobj_release of type %u returned", type);
	}
	return host_console_output();
}

static void test_owned_types_panic_by_name(void **state)
{
	(void)state;
	assert_non_null(strstr(release_panics(CAP_TYPE_THREAD),
			       "kobj_release: type 7 (thread) has no destroy function"));
	assert_non_null(strstr(release_panics(CAP_TYPE_NONE), "type 0 (none)"));
}

static struct kobj *unit_released;

static void unit_hook(struct kobj *obj)
{
	unit_released = obj;
}

/* A unit is counted: its release goes to the unit layer, and nothing is charged back here. */
static void test_unit_release_goes_to_the_hook(void **state)
{
	struct kobj obj = {.type = CAP_TYPE_UNIT, .flags = KOBJ_COUNTED, .gen = 1};

	(void)state;
	kobj_release(&obj); /* before the unit layer registers: nothing happens */
	kobj_on_unit_release(unit_hook);
	kobj_release(&obj);
	assert_ptr_equal(unit_released, &obj);
	kobj_on_unit_release(NULL);
}

static void test_unknown_type_panics(void **state)
{
	(void)state;
	assert_non_null(strstr(release_panics(CAP_TYPE_COUNT), "type 9 (unknown)"));
	assert_non_null(strstr(release_panics(0xff), "type 255 (unknown)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_owned_types_panic_by_name),
	    cmocka_unit_test(test_unknown_type_panics),
	    cmocka_unit_test(test_unit_release_goes_to_the_hook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

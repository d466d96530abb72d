/*
 * Host tests for kobj_release: a type without a destroy function (owned or unknown types)
 * must panic and name itself: its release is a bug in the capability layer.
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
	assert_non_null(strstr(release_panics(CAP_TYPE_UNIT), "type 6 (unit)"));
	assert_non_null(strstr(release_panics(CAP_TYPE_NONE), "type 0 (none)"));
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

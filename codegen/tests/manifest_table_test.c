/*
 * The C table the manifest compiler writes for testdata/manifest/good.manifest, compiled
 * against servers/init/manifest.h and read the way init reads it: units in start order,
 * module indices, startup capabilities in table order with kinds, rights and numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "servers/init/manifest.h"

/* The unit named `name`, or NULL. */
static const struct manifest_unit *unit_named(const char *name)
{
	for (uint32_t i = 0; i < system_manifest.nunits; i++) {
		if (strcmp(system_manifest.units[i].name, name) == 0)
			return &system_manifest.units[i];
	}
	return NULL;
}

static void test_units_in_start_order(void **state)
{
	static const char *const want[] = {"minimal", "sensor", "store", "app"};

	(void)state;
	assert_int_equal(system_manifest.nunits, 4);
	for (uint32_t i = 0; i < 4; i++)
		assert_string_equal(system_manifest.units[i].name, want[i]);
	assert_string_equal(system_manifest.source, "codegen/testdata/manifest/good.manifest");
}

static void test_unit_settings(void **state)
{
	const struct manifest_unit *app = unit_named("app");
	const struct manifest_unit *store = unit_named("store");

	(void)state;
	assert_non_null(app);
	assert_non_null(store);
	assert_int_equal(app->module, 1);
	assert_int_equal(app->priority, 50);
	assert_int_equal(app->max_priority, 60);
	assert_int_equal(app->memory_frames, 128);
	assert_int_equal(app->restart, MANIFEST_RESTART_NEVER);
	assert_int_equal(app->endpoints, 0);
	assert_int_equal(store->module, 2);
	assert_int_equal(store->restart, MANIFEST_RESTART_ALWAYS);
	assert_int_equal(store->restart_limit, 3);
	assert_int_equal(store->restart_window_ms, 500);
	assert_int_equal(store->endpoints, 2);
}

static void test_store_caps_in_table_order(void **state)
{
	static const uint32_t kinds[] = {
	    KEEL_STARTUP_SERVE,	     KEEL_STARTUP_SELF,	  KEEL_STARTUP_SERVE,
	    KEEL_STARTUP_SELF,	     KEEL_STARTUP_IOPORT, KEEL_STARTUP_IRQ,
	    KEEL_STARTUP_IRQ_NOTIFY, KEEL_STARTUP_IRQ,	  KEEL_STARTUP_IRQ_NOTIFY,
	    KEEL_STARTUP_DEVMEM,     KEEL_STARTUP_CLIENT,
	};
	const struct manifest_unit *store = unit_named("store");

	(void)state;
	assert_int_equal(store->ncaps, 11);
	for (uint32_t i = 0; i < 11; i++)
		assert_int_equal(store->caps[i].kind, kinds[i]);
	assert_int_equal(store->caps[2].arg0, 1); /* Counter is its second endpoint */
	assert_int_equal(store->caps[4].arg0, 0x2f8);
	assert_int_equal(store->caps[5].rights, CAP_RIGHT_WRITE);
	assert_int_equal(store->caps[6].rights, CAP_RIGHT_READ);
	/* `admin` resources keep GRANT: the unit hands them on */
	assert_int_equal(store->caps[7].rights, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	assert_int_equal(store->caps[8].rights, CAP_RIGHT_READ | CAP_RIGHT_GRANT);
	assert_int_equal(store->caps[9].arg1, 0x10000);
	assert_int_equal(store->caps[9].rights,
			 CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_ADMIN | CAP_RIGHT_GRANT);
	assert_int_equal(store->caps[10].rights, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
}

/* A client capability names its server by start index and endpoint: follow it back. */
static void test_client_caps_point_at_the_serving_unit(void **state)
{
	const struct manifest_unit *app = unit_named("app");

	(void)state;
	assert_int_equal(app->ncaps, 3);
	for (uint32_t i = 0; i < app->ncaps; i++) {
		const struct manifest_cap *c = &app->caps[i];
		const struct manifest_unit *server = &system_manifest.units[c->arg0];

		assert_int_equal(c->kind, KEEL_STARTUP_CLIENT);
		assert_true(c->arg1 < server->endpoints);
		assert_int_equal(server->caps[2 * c->arg1].kind, KEEL_STARTUP_SERVE);
		assert_string_equal(server->caps[2 * c->arg1].name, c->name);
		assert_int_equal(c->rights & CAP_RIGHT_GRANT, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_units_in_start_order),
	    cmocka_unit_test(test_unit_settings),
	    cmocka_unit_test(test_store_caps_in_table_order),
	    cmocka_unit_test(test_client_caps_point_at_the_serving_unit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Generated from codegen/testdata/manifest/good.manifest by codegen/manifest; edit the manifest. */
#include "servers/init/manifest.h"

#include <stddef.h>

/* unit minimal: its startup capabilities in table order */
static const struct manifest_cap caps_0[] = {
	{KEEL_STARTUP_SERVE, "test.minimal.Minimal", CAP_RIGHT_READ, 0x0u, 0x0u, 41u},
	{KEEL_STARTUP_SELF, "test.minimal.Minimal", CAP_RIGHT_WRITE, 0x0u, 0x0u, 41u},
};

/* unit sensor: its startup capabilities in table order */
static const struct manifest_cap caps_1[] = {
	{KEEL_STARTUP_SERVE, "test.events.Sensor", CAP_RIGHT_READ, 0x0u, 0x0u, 34u},
	{KEEL_STARTUP_SELF, "test.events.Sensor", CAP_RIGHT_WRITE, 0x0u, 0x0u, 34u},
	{KEEL_STARTUP_CLIENT, "test.alltypes.Counter", CAP_RIGHT_WRITE, 0x2u, 0x1u, 35u},
};

/* unit store: its startup capabilities in table order */
static const struct manifest_cap caps_2[] = {
	{KEEL_STARTUP_SERVE, "test.alltypes.Everything", CAP_RIGHT_READ, 0x0u, 0x0u, 20u},
	{KEEL_STARTUP_SELF, "test.alltypes.Everything", CAP_RIGHT_WRITE, 0x0u, 0x0u, 20u},
	{KEEL_STARTUP_SERVE, "test.alltypes.Counter", CAP_RIGHT_READ, 0x1u, 0x0u, 21u},
	{KEEL_STARTUP_SELF, "test.alltypes.Counter", CAP_RIGHT_WRITE, 0x1u, 0x0u, 21u},
	{KEEL_STARTUP_IOPORT, "uart", CAP_RIGHT_READ | CAP_RIGHT_WRITE, 0x2f8u, 0x8u, 22u},
	{KEEL_STARTUP_IRQ, "uart", CAP_RIGHT_WRITE, 0x3u, 0x1u, 23u},
	{KEEL_STARTUP_IRQ_NOTIFY, "uart", CAP_RIGHT_READ, 0x3u, 0x1u, 23u},
	{KEEL_STARTUP_IRQ, "bus", CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0x5u, 0x1u, 25u},
	{KEEL_STARTUP_IRQ_NOTIFY, "bus", CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0x5u, 0x1u, 25u},
	{KEEL_STARTUP_DEVMEM, "fb", CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT | CAP_RIGHT_ADMIN, 0xa0000u, 0x10000u, 24u},
	{KEEL_STARTUP_CLIENT, "test.events.Sensor", CAP_RIGHT_READ | CAP_RIGHT_WRITE, 0x1u, 0x0u, 28u},
};

/* unit app: its startup capabilities in table order */
static const struct manifest_cap caps_3[] = {
	{KEEL_STARTUP_CLIENT, "test.events.Sensor", CAP_RIGHT_READ | CAP_RIGHT_WRITE, 0x1u, 0x0u, 11u},
	{KEEL_STARTUP_CLIENT, "test.alltypes.Counter", CAP_RIGHT_WRITE, 0x2u, 0x1u, 12u},
	{KEEL_STARTUP_CLIENT, "test.minimal.Minimal", CAP_RIGHT_READ | CAP_RIGHT_WRITE, 0x0u, 0x0u, 13u},
};

static const struct manifest_unit units[] = {
	{ /* 0: badge 1 */
		.name = "minimal",
		.module = 4u,
		.priority = 30u,
		.max_priority = 30u,
		.memory_frames = 64u,
		.threads = 4u,
		.memory_objects = 4u,
		.cpu = 0u,
		.restart = MANIFEST_RESTART_ALWAYS,
		.restart_limit = 5u,
		.restart_window_ms = 10000u,
		.endpoints = 1u,
		.ncaps = 2u,
		.caps = caps_0,
		.line = 38u,
	},
	{ /* 1: badge 2 */
		.name = "sensor",
		.module = 3u,
		.priority = 120u,
		.max_priority = 120u,
		.memory_frames = 64u,
		.threads = 4u,
		.memory_objects = 4u,
		.cpu = 0u,
		.restart = MANIFEST_RESTART_ALWAYS,
		.restart_limit = 5u,
		.restart_window_ms = 10000u,
		.endpoints = 1u,
		.ncaps = 3u,
		.caps = caps_1,
		.line = 31u,
	},
	{ /* 2: badge 3 */
		.name = "store",
		.module = 2u,
		.priority = 100u,
		.max_priority = 100u,
		.memory_frames = 64u,
		.threads = 4u,
		.memory_objects = 9u,
		.cpu = 2u,
		.restart = MANIFEST_RESTART_ALWAYS,
		.restart_limit = 3u,
		.restart_window_ms = 500u,
		.endpoints = 2u,
		.ncaps = 11u,
		.caps = caps_2,
		.line = 16u,
	},
	{ /* 3: badge 4 */
		.name = "app",
		.module = 1u,
		.priority = 50u,
		.max_priority = 60u,
		.memory_frames = 128u,
		.threads = 2u,
		.memory_objects = 4u,
		.cpu = 0u,
		.restart = MANIFEST_RESTART_NEVER,
		.restart_limit = 0u,
		.restart_window_ms = 0u,
		.endpoints = 0u,
		.ncaps = 3u,
		.caps = caps_3,
		.line = 5u,
	},
};

const struct manifest system_manifest = {
	.source = "codegen/testdata/manifest/good.manifest",
	.nunits = 4u,
	.units = units,
};

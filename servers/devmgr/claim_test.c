/* Host tests of the device manager's claims (claim.h): owners by badge, BAR page ranges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "servers/devmgr/claim.h"

static struct pci_registry reg;

static void bar(uint8_t dev, uint8_t b, uint8_t kind, uint32_t base, uint32_t size)
{
	reg.dev[dev].bars[b] = (struct keel_devmgr_bar){.kind = kind, .base = base, .size = size};
	if (dev >= reg.summary.devices)
		reg.summary.devices = (uint8_t)(dev + 1);
}

static int setup(void **state)
{
	(void)state;
	memset(&reg, 0, sizeof(reg));
	return 0;
}

static void test_owners_by_badge(void **state)
{
	struct claims c;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(claim_device_check(&c, 3, 7), ERR_OK);
	c.device[3] = 7;
	assert_int_equal(claim_device_check(&c, 3, 7), ERR_OK); /* a restarted driver */
	assert_int_equal(claim_device_check(&c, 3, 8), KEEL_DEVMGR_ERROR_CLAIMED);
	assert_int_equal(claim_device_check(&c, 4, 8), ERR_OK);
	c.line[11] = 7;
	assert_int_equal(claim_line_check(&c, 11, 8), KEEL_DEVMGR_ERROR_CLAIMED);
	assert_int_equal(claim_line_check(&c, 11, 7), ERR_OK);
	assert_int_equal(claim_line_check(&c, 10, 8), ERR_OK);
}

/* A driver gone for good leaves its devices and lines to others; nobody else's change. */
static void test_release(void **state)
{
	struct claims c;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.device[3] = 7;
	c.device[KEEL_DEVMGR_DEVICES_MAX - 1] = 7;
	c.device[4] = 8;
	c.line[11] = 7;
	c.line[10] = 8;
	assert_int_equal(claim_release(&c, 7), 3);
	assert_int_equal(claim_device_check(&c, 3, 9), ERR_OK);
	assert_int_equal(claim_device_check(&c, KEEL_DEVMGR_DEVICES_MAX - 1, 9), ERR_OK);
	assert_int_equal(claim_line_check(&c, 11, 9), ERR_OK);
	assert_int_equal(claim_device_check(&c, 4, 9), KEEL_DEVMGR_ERROR_CLAIMED);
	assert_int_equal(claim_line_check(&c, 10, 9), KEEL_DEVMGR_ERROR_CLAIMED);
	assert_int_equal(claim_release(&c, 7), 0);
	assert_int_equal(claim_release(&c, 0), 0); /* 0 is "unclaimed", never an owner */
	assert_int_equal(c.device[0], 0);
}

static void test_page_aligned_bar(void **state)
{
	struct claim_range r;

	(void)state;
	bar(0, 0, KEEL_DEVMGR_BAR_KIND_MEMORY, 0xfebc0000u, 0x20000u);
	bar(0, 1, KEEL_DEVMGR_BAR_KIND_IO, 0xc000u, 0x40u);
	assert_int_equal(claim_mem_range(&reg, 0, 0, 0, &r), ERR_OK);
	assert_int_equal(r.base, 0xfebc0000u);
	assert_int_equal(r.size, 0x20000u);
	assert_int_equal(claim_mem_range(&reg, 0, 1, 0, &r), KEEL_DEVMGR_ERROR_NO_SUCH_BAR);
	assert_int_equal(claim_mem_range(&reg, 0, 2, 0, &r), KEEL_DEVMGR_ERROR_NO_SUCH_BAR);
	assert_int_equal(claim_mem_range(&reg, 0, 6, 0, &r), KEEL_DEVMGR_ERROR_NO_SUCH_BAR);
}

static void test_small_bars_round_to_pages_unless_shared(void **state)
{
	struct claim_range r;

	(void)state;
	bar(0, 0, KEEL_DEVMGR_BAR_KIND_MEMORY, 0xfebf0100u, 0x100u);
	assert_int_equal(claim_mem_range(&reg, 0, 0, 0, &r), ERR_OK);
	assert_int_equal(r.base, 0xfebf0000u);
	assert_int_equal(r.size, 0x1000u);
	bar(1, 2, KEEL_DEVMGR_BAR_KIND_MEMORY64, 0xfebf0800u, 0x10u); /* same page, another device */
	assert_int_equal(claim_mem_range(&reg, 0, 0, 0, &r), KEEL_DEVMGR_ERROR_SHARED_PAGE);
	bar(1, 2, KEEL_DEVMGR_BAR_KIND_MEMORY64, 0xfebf1000u, 0x10u); /* the next page */
	assert_int_equal(claim_mem_range(&reg, 0, 0, 0, &r), ERR_OK);
}

static void test_unassigned_and_high_bars_are_not_granted(void **state)
{
	struct claim_range r;

	(void)state;
	bar(0, 0, KEEL_DEVMGR_BAR_KIND_MEMORY, 0, 0x1000u);
	assert_int_equal(claim_mem_range(&reg, 0, 0, 0, &r), KEEL_DEVMGR_ERROR_NOT_GRANTED);
	bar(0, 2, KEEL_DEVMGR_BAR_KIND_MEMORY64, 0x10000000u, 0x1000u);
	assert_int_equal(claim_mem_range(&reg, 0, 2, 1, &r), KEEL_DEVMGR_ERROR_NOT_GRANTED);
	bar(0, 4, KEEL_DEVMGR_BAR_KIND_MEMORY, 0xfffff000u, 0x2000u); /* past 4 GiB */
	assert_int_equal(claim_mem_range(&reg, 0, 4, 0, &r), KEEL_DEVMGR_ERROR_NOT_GRANTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_owners_by_badge, setup),
	    cmocka_unit_test_setup(test_release, setup),
	    cmocka_unit_test_setup(test_page_aligned_bar, setup),
	    cmocka_unit_test_setup(test_small_bars_round_to_pages_unless_shared, setup),
	    cmocka_unit_test_setup(test_unassigned_and_high_bars_are_not_granted, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
